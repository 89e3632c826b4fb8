import { z } from 'zod';
import { PROBLEMS, statusOfCode } from './admin-problem.js';
import { ALL_ROLES } from './admin-roles.js';
import { componentId } from './admin-schemas.js';
import { SESSION_COOKIE, sessionPaths } from './console-session.js';
import type { AdminRoute, ObjectSchema, ResponseHeader } from './define-route.js';

type JsonSchema = Record<string, unknown>;

const COMPONENT = (id: string) => `#/components/schemas/${id}`;
const PROBLEM_JSON = 'application/problem+json';

const RESPONSE_HEADERS: Record<ResponseHeader, Record<string, unknown>> = {
  ETag: {
    description:
      'The version of the resource (W/"<version>"); send it back in If-Match to write only over it',
    schema: { type: 'string', pattern: '^W/"\\d+"$' },
  },
  Location: {
    description: 'Where the created resource (or started run) can be read',
    schema: { type: 'string' },
  },
};

/**
 * The OpenAPI 3.1 document of the admin API, generated from the route definitions and their zod schemas (the
 * same objects that validate requests), so the document is exactly what the server enforces. Schemas named
 * with `component()` become components; the rest is inlined.
 */
export function openApiDocument(routes: readonly AdminRoute[], serverUrl: string): Record<string, unknown> {
  const requestIds = new Set<string>();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    paths[path] ??= {};
    paths[path][route.method] = operation(route, requestIds);
  }
  Object.assign(paths, sessionPaths());
  return {
    openapi: '3.1.1',
    info: {
      title: 'seatsync admin API',
      version: '1',
      description:
        'Users, licenses, seats and numbers of one tenant. Authenticate with an admin token (Authorization: Bearer …); ' +
        'its role (owner, license_admin, read_only) decides what it may do — or sign in (POST /session) for a ' +
        'console session cookie. Errors are RFC 9457 problem documents ' +
        'with a stable `code`. Lists are paged with opaque cursors.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: serverUrl }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin token issued by `seatsync token create --kind admin`',
        },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description:
            'A console session (POST /session). Requests other than GET carry the session’s CSRF token in X-CSRF-Token.',
        },
      },
      schemas: components(paths, requestIds),
    },
  };
}

function operation(route: AdminRoute, requestIds: Set<string>): Record<string, unknown> {
  const { params, query, headers, body, response } = route.schemas;
  const parameters = [
    ...parametersOf(params, 'path'),
    ...parametersOf(query, 'query'),
    ...parametersOf(headers, 'header'),
  ];
  const op: Record<string, unknown> = {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description || route.sort
      ? { description: [route.description, route.sort && `Sorted ${route.sort}.`].filter(Boolean).join(' ') }
      : {}),
    ...(route.sort ? { 'x-sort': route.sort } : {}),
    tags: route.tags,
    'x-roles': route.roles,
    ...(parameters.length > 0 ? { parameters } : {}),
  };
  const binary = { type: 'string', contentMediaType: 'application/octet-stream' };
  if (body && route.upload) {
    op.requestBody = {
      required: true,
      description: `At most ${route.upload.maxBytes} bytes`,
      content: Object.fromEntries(route.upload.mediaTypes.map((type) => [type, { schema: binary }])),
    };
  } else if (body) {
    op.requestBody = {
      required: !body.safeParse(undefined).success,
      content: { 'application/json': { schema: schemaOf(body, 'input', requestIds) } },
    };
  }
  op.responses = {
    [String(route.response.status)]: {
      description: route.response.description,
      ...(route.response.headers.length > 0
        ? {
            headers: Object.fromEntries(route.response.headers.map((name) => [name, RESPONSE_HEADERS[name]])),
          }
        : {}),
      content: route.response.file
        ? Object.fromEntries(route.response.file.map((type) => [type, { schema: binary }]))
        : { 'application/json': { schema: schemaOf(response, 'output') } },
    },
    ...problemResponses(route),
  };
  return op;
}

/** The error responses a route can give, grouped by status, each listing its codes. */
function problemResponses(route: AdminRoute): Record<string, unknown> {
  const codes = new Set<string>([
    'auth.unauthorized',
    'rate_limit.exceeded',
    'internal.error',
    'service.unavailable',
  ]);
  const { params, query, headers, body } = route.schemas;
  if (params || query || headers || body) codes.add('validation.failed');
  if (body) codes.add('request.invalid_json');
  if (ALL_ROLES.some((role) => !route.roles.includes(role))) codes.add('permission.denied');
  if (params && route.errors) codes.add(route.errors.not_found);
  for (const code of route.problems) codes.add(code);
  const byStatus = new Map<number, string[]>();
  for (const code of codes)
    byStatus.set(statusOfCode(code), [...(byStatus.get(statusOfCode(code)) ?? []), code]);
  return Object.fromEntries(
    [...byStatus.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, list]) => [
        String(status),
        {
          description: list
            .map(
              (code) =>
                `\`${code}\`${code in PROBLEMS ? `: ${PROBLEMS[code as keyof typeof PROBLEMS][1]}` : ''}`,
            )
            .join('; '),
          content: { [PROBLEM_JSON]: { schema: { $ref: COMPONENT('Problem') } } },
        },
      ]),
  );
}

function parametersOf(schema: ObjectSchema | undefined, location: 'path' | 'query' | 'header') {
  if (!schema) return [];
  return Object.entries(schema.shape).map(([name, field]) => {
    const { description, ...fieldSchema } = schemaOf(field, 'input');
    return {
      name,
      in: location,
      required: location === 'path' || !z.safeParse(field, undefined).success,
      ...(typeof description === 'string' ? { description } : {}),
      schema: fieldSchema,
    };
  });
}

/** A `$ref` for a component, else the schema inline (with `$ref`s to the components inside it). */
function schemaOf(schema: z.core.$ZodType, io: 'input' | 'output', requestIds?: Set<string>): JsonSchema {
  const id = componentId(schema);
  if (id) {
    if (io === 'input') requestIds?.add(id);
    return { $ref: COMPONENT(id) };
  }
  const {
    $schema: _dialect,
    $defs: _defs,
    ...inline
  } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  // Components nested in an inline schema come back as $defs; they are in components/schemas already.
  const result = JSON.parse(
    JSON.stringify(inline).replace(/"#\/\$defs\/([^"]+)"/g, (_match, name: string) =>
      JSON.stringify(COMPONENT(name)),
    ),
  ) as JsonSchema;
  if (io === 'input') for (const nested of referencedIds(result)) requestIds?.add(nested);
  return result;
}

/**
 * The components the paths refer to, directly or through each other (zod's registry is process-wide; only
 * the admin API's schemas belong here). One a request body uses is rendered as input (defaults make fields
 * optional); the rest as output (what the server sends).
 */
function components(paths: unknown, requestIds: Set<string>): Record<string, JsonSchema> {
  const convert = (io: 'input' | 'output') =>
    z.toJSONSchema(z.globalRegistry, { io, unrepresentable: 'any', uri: COMPONENT }).schemas as Record<
      string,
      JsonSchema
    >;
  const inputs = convert('input');
  const outputs = convert('output');
  for (const id of requestIds) for (const nested of referencedIds(inputs[id])) requestIds.add(nested);
  const result: Record<string, JsonSchema> = {};
  const pending = referencedIds(paths);
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (result[id]) continue;
    const { $schema: _dialect, $id: _id, ...schema } = (requestIds.has(id) ? inputs[id] : outputs[id]) ?? {};
    result[id] = schema;
    pending.push(...referencedIds(schema));
  }
  return Object.fromEntries(Object.entries(result).sort(([a], [b]) => a.localeCompare(b)));
}

const referencedIds = (value: unknown): string[] =>
  [...JSON.stringify(value).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
    (match) => match[1] ?? '',
  );

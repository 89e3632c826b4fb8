import type { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { z } from 'zod';
import type { Container, Services } from '../../container.js';
import type { Actor } from '../../features/events/event-log.js';
import type { AdminRole, TokenIdentity } from '../../features/tokens/token-service.js';
import {
  fieldError,
  fieldErrors,
  RequestValidationError,
  type FieldError,
  type RequestPart,
  type ResourceErrors,
} from './admin-problem.js';
import { assertRole } from './admin-roles.js';
import { unwrapCursor, wrapNextCursor } from './list-cursor.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A file a route answers with, streamed to the client (see `response.file`). */
export interface FileDownload {
  fileName: string;
  contentType: string;
  stream: Readable;
}

/** The handler's result of a file route: checked only for its shape, the bytes are streamed as they come. */
export const FileDownloadSchema = z.custom<FileDownload>(
  (value) => typeof value === 'object' && value !== null && 'stream' in value && 'fileName' in value,
);

/** The body of an upload route: the raw bytes, up to the upload limit (larger: 413). */
export const UploadBodySchema = z.instanceof(Buffer);

/** Response headers a route may set, each documented in the OpenAPI document (openapi-document.ts). */
export type ResponseHeader = 'ETag' | 'Location';

/** Path parameters, query strings and headers are flat records of strings: object schemas, one field each. */
export type ObjectSchema = z.ZodObject<z.ZodRawShape, z.core.$ZodObjectConfig>;

/** What a route without params, query or headers is given: an empty object. */
type None = z.ZodObject<Record<never, never>, z.core.$strip>;

export interface RouteContext<P, Q, H, B> {
  params: P;
  query: Q;
  headers: H;
  body: B;
  identity: TokenIdentity;
  tenantId: string;
  /** Who the events of this request are recorded as. */
  actor: Actor;
  /** Bound to the route's transaction when it writes, to the pool when it only reads. */
  services: Services;
  /**
   * What `services` are bound to, for the container's features built per transaction outside Services (the
   * directory feature: `container.directory.connections(db)`). Not for SQL: routes call services.
   */
  db: Knex;
  /**
   * Work to do once the route's transaction has committed, before the response is sent: queuing a job for what the
   * transaction recorded (a worker could otherwise take it before the commit). A failure is the request's error.
   */
  afterCommit(work: () => Promise<void>): void;
  /** The process's container, for features that are not per-transaction services (directory sync, reconciliation). */
  container: Container;
  /** Sets a response header the route declares in `response.headers`. */
  setHeader(name: string, value: string): void;
}

export interface RouteDefinition<
  P extends ObjectSchema,
  Q extends ObjectSchema,
  H extends ObjectSchema,
  B extends z.ZodType,
  R extends z.ZodType,
> {
  method: HttpMethod;
  /** Express path under /api/v1, e.g. `/users/:id`. */
  path: string;
  /** Unique; client generators name their methods after it. */
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  roles: readonly AdminRole[];
  /** How this route's resource names the generic domain errors (`not_found` → `user.not_found`). */
  errors?: ResourceErrors;
  /** Problem codes the route answers with beyond the generic ones, listed in the OpenAPI document. */
  problems?: readonly string[];
  /** A list's order, stated for clients (`newest first`, `by date, then id`): required of every paged list. */
  sort?: string;
  params?: P;
  query?: Q;
  headers?: H;
  body?: B;
  /**
   * The body is a file, not JSON: the media types accepted (others: 415) and its size limit in bytes (larger: 413).
   * Declare `body: UploadBodySchema`; the handler gets the bytes.
   */
  upload?: { mediaTypes: readonly string[]; maxBytes: number };
  response: {
    status: number;
    description: string;
    schema: R;
    /** The headers the handler sets with `setHeader`; documented, and the only ones it may set. */
    headers?: readonly ResponseHeader[];
    /** The response is a download (media types listed); the handler returns a FileDownload. */
    file?: readonly string[];
  };
  /** Whether the handler runs in one transaction; by default everything but GET does. */
  transactional?: boolean;
  handler(context: RouteContext<z.output<P>, z.output<Q>, z.output<H>, z.output<B>>): Promise<z.input<R>>;
}

export interface RawRequest {
  params: unknown;
  query: unknown;
  headers: unknown;
  body: unknown;
  /** When the answer is due (epoch ms): the route's transaction is bounded by it. */
  deadline?: number;
}

export interface RouteResult {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** A route with its types erased: what the router mounts and the OpenAPI generator documents. */
export interface AdminRoute {
  method: HttpMethod;
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  roles: readonly AdminRole[];
  errors?: ResourceErrors;
  problems: readonly string[];
  upload?: { mediaTypes: readonly string[]; maxBytes: number };
  sort?: string;
  schemas: {
    params?: ObjectSchema;
    query?: ObjectSchema;
    headers?: ObjectSchema;
    body?: z.ZodType;
    response: z.ZodType;
  };
  response: {
    status: number;
    description: string;
    headers: readonly ResponseHeader[];
    file?: readonly string[];
  };
  /** Checks the role, validates the request, runs the handler (in a transaction for writes), checks the response. */
  invoke(request: RawRequest, container: Container, identity: TokenIdentity): Promise<RouteResult>;
}

/**
 * Declares an admin API route once: express mounts it and the OpenAPI document describes it from the same
 * definition, so the two cannot drift apart.
 */
export function defineRoute<
  P extends ObjectSchema = None,
  Q extends ObjectSchema = None,
  H extends ObjectSchema = None,
  B extends z.ZodType = z.ZodUndefined,
  R extends z.ZodType = z.ZodUnknown,
>(definition: RouteDefinition<P, Q, H, B, R>): AdminRoute {
  const { handler, params, query, headers, body, response, ...meta } = definition;
  const transactional = definition.transactional ?? definition.method !== 'get';
  return {
    ...meta,
    problems: definition.problems ?? [],
    schemas: { params, query, headers, body, response: response.schema },
    response: {
      status: response.status,
      description: response.description,
      headers: response.headers ?? [],
      ...(response.file ? { file: response.file } : {}),
    },
    async invoke(request, container, identity) {
      assertRole(definition.roles, identity.role);
      const parsed = await parseRequest(definition.operationId, request, { params, query, headers, body });
      const responseHeaders: Record<string, string> = {};
      const committed: Array<() => Promise<void>> = [];
      const run = (services: Services, db: Knex) =>
        handler({
          params: parsed.params as z.output<P>,
          query: parsed.query as z.output<Q>,
          headers: parsed.headers as z.output<H>,
          body: parsed.body as z.output<B>,
          identity,
          tenantId: identity.tenantId,
          actor: { type: 'token', id: identity.tokenId },
          services,
          db,
          afterCommit: (work) => {
            committed.push(work);
          },
          container,
          setHeader: (name, value) => {
            // The OpenAPI document lists the headers a route sends; one it does not list would make it lie.
            if (!response.headers?.includes(name as ResponseHeader))
              throw new Error(`${definition.operationId} sets ${name}, which its response does not declare`);
            responseHeaders[name] = value;
          },
        });
      const result = transactional
        ? await container.transaction(run, { deadline: request.deadline })
        : await run(container.services, container.database.knex);
      for (const work of committed) await work();
      // What leaves is checked against what the OpenAPI document promises: a mismatch is a bug, so a 500.
      const checked = response.schema.safeParse(wrapNextCursor(definition.operationId, result));
      if (!checked.success) {
        throw new Error(
          `${definition.operationId} produced a response outside its schema: ${z.prettifyError(checked.error)}`,
        );
      }
      return { status: response.status, body: checked.data, headers: responseHeaders };
    },
  };
}

/**
 * Validates every part, so one 400 lists all the invalid fields rather than the first. A query parameter the
 * route does not declare is an error, not ignored: a misspelt filter (`?userId=` where the route takes `user`)
 * must not silently answer the unfiltered list. A `cursor` is unwrapped here (list-cursor.ts), so the route's
 * schema sees the key its own list issued.
 */
async function parseRequest(
  list: string,
  request: RawRequest,
  schemas: { params?: ObjectSchema; query?: ObjectSchema; headers?: ObjectSchema; body?: z.ZodType },
): Promise<Record<RequestPart, unknown>> {
  const parsed: Record<RequestPart, unknown> = { params: {}, query: {}, headers: {}, body: undefined };
  const errors: FieldError[] = [];
  const query = queryOf(request.query);
  const declared = Object.keys(schemas.query?.shape ?? {});
  for (const name of Object.keys(query).filter((key) => !declared.includes(key))) {
    errors.push(
      fieldError(
        'query',
        [name],
        declared.length > 0
          ? `is not a parameter of this endpoint (it takes ${declared.join(', ')})`
          : 'is not a parameter of this endpoint (it takes none)',
      ),
    );
  }
  if (typeof query.cursor === 'string' && declared.includes('cursor')) {
    const cursor = unwrapCursor(list, query.cursor);
    if ('error' in cursor) {
      errors.push(cursor.error);
      delete query.cursor;
    } else query.cursor = cursor.key;
  }
  const input: Record<RequestPart, unknown> = { ...request, query };
  for (const part of ['params', 'query', 'headers', 'body'] as const) {
    const schema = schemas[part];
    if (!schema) continue;
    const result = await schema.safeParseAsync(input[part]);
    if (result.success) parsed[part] = result.data;
    else errors.push(...fieldErrors(part, result.error));
  }
  if (errors.length > 0) throw new RequestValidationError(errors);
  return parsed;
}

/** Express's parsed query string as a fresh record (its `req.query` is a getter that re-parses on each access). */
const queryOf = (query: unknown): Record<string, unknown> =>
  typeof query === 'object' && query !== null ? { ...(query as Record<string, unknown>) } : {};

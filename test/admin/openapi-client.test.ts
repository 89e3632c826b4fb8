import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { adminRoutes } from '../../src/http/admin/admin-routes.js';
import { ambiguousPaths } from '../../src/http/admin/ambiguous-paths.js';
import { openApiDocument } from '../../src/http/admin/openapi-document.js';

type Operation = {
  operationId: string;
  'x-sort'?: string;
  parameters?: Array<{ name: string; in: string }>;
  responses: Record<string, { content?: Record<string, { schema: { $ref?: string } }> }>;
};

const document = openApiDocument(adminRoutes, 'http://seatsync.test/api/v1') as {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
};

// Free-form JSON by design: an event's entity before and after the change (audit log, assignment history).
const FREE_FORM = new Set(['AuditEvent.before', 'AuditEvent.after', 'Event.before', 'Event.after']);

// What a client written against the generated types does; it must type-check under strict settings.
const CLIENT_USE = `
import type { components, operations, paths } from './api';
type EventPage = paths['/events']['get']['responses'][200]['content']['application/json'];
export const page: EventPage = { items: [], nextCursor: null };
export const query: operations['listEvents']['parameters']['query'] = { action: 'user.*', limit: 10 };
export const etag: paths['/users/{id}']['get']['responses'][200]['headers']['ETag'] = 'W/"3"';
export const problem: components['schemas']['Problem'] = {
  type: 'urn:seatsync:problem:user.not_found', title: 'User not found', status: 404, detail: 'x', code: 'user.not_found',
  errors: [
    { in: 'query', field: 'userId', path: ['userId'], message: 'is not a parameter of this endpoint' },
  ],
};
export const settings: components['schemas']['TenantSettings']['defaultCountry'] = 'SE';
`;

describe('the OpenAPI document generates a client with openapi-typescript', () => {
  it('generates at the defaults, and the types compile under strict TypeScript', async () => {
    const source = astToString(await openapiTS(document as unknown as Parameters<typeof openapiTS>[0]));
    const dir = mkdtempSync(join(tmpdir(), 'seatsync-openapi-'));
    try {
      writeFileSync(join(dir, 'api.ts'), source);
      writeFileSync(join(dir, 'client.ts'), CLIENT_USE);
      const program = ts.createProgram([join(dir, 'api.ts'), join(dir, 'client.ts')], {
        strict: true,
        noEmit: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        types: [],
      });
      const diagnostics = ts
        .getPreEmitDiagnostics(program)
        .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      expect(diagnostics).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('types every response field: nothing is unknown but the free-form JSON of events', () => {
    const untyped = Object.entries(document.components.schemas).flatMap(([name, schema]) =>
      Object.entries(schema.properties ?? {})
        .filter(
          ([, property]) =>
            JSON.stringify(property) === '{}' ||
            Object.keys(property as object).every((k) => k === 'description'),
        )
        .map(([field]) => `${name}.${field}`),
    );
    expect(untyped.filter((field) => !FREE_FORM.has(field))).toEqual([]);
  });

  it('has no ambiguous paths', () => {
    expect(ambiguousPaths(Object.keys(document.paths))).toEqual([]);
    expect(ambiguousPaths(['/rules/holds/{id}', '/rules/{id}/retire'])).toHaveLength(1);
    expect(ambiguousPaths(['/rules/conflicts', '/rules/{id}'])).toEqual([]);
  });

  it('documents the sort of every list', () => {
    const schemaOf = (op: Operation) => {
      const schema = op.responses['200']?.content?.['application/json']?.schema ?? {};
      const ref = schema.$ref?.split('/').pop();
      return (ref ? document.components.schemas[ref] : schema) as { properties?: Record<string, unknown> };
    };
    const lists = Object.values(document.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([method, op]) => method === 'get' && schemaOf(op).properties?.items !== undefined)
        .map(([, op]) => op),
    );
    const paged = lists.filter((op) => op.parameters?.some((p) => p.in === 'query' && p.name === 'cursor'));
    expect(paged.length).toBeGreaterThan(8);
    expect(lists.filter((op) => !op['x-sort']).map((op) => op.operationId)).toEqual([]);
  });
});

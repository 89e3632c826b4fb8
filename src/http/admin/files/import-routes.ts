import { z } from 'zod';
import { DomainError } from '../../../domain-error.js';
import { IMPORT_COLUMNS } from '../../../features/imports/import-columns.js';
import type { ImportRecord } from '../../../features/imports/import-store.js';
import { readTable, type TableFormat } from '../../../lib/tabular/read-table.js';
import { TableError } from '../../../lib/tabular/table-error.js';
import { TABLE_MEDIA_TYPES, tableStream } from '../../../lib/tabular/write-table.js';
import { resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, USER_WRITERS } from '../admin-roles.js';
import { IdParams } from '../admin-schemas.js';
import { defineRoute, FileDownloadSchema, UploadBodySchema, type AdminRoute } from '../define-route.js';
import { pageQuery, toPage } from '../pagination.js';
import { DryRunResponse, FormatQuery, ImportPageSchema, ImportSchema, UploadQuery } from './file-schemas.js';
import { importResultRows, RESULT_HEADER } from './import-result.js';
import { mapHeader, parseRow } from './import-row-schema.js';

const TAGS = ['Imports'];
const errors = resourceErrors('import');

/** The largest upload (413 beyond) and the most rows a file may hold (400 beyond, before anything is read further). */
export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 10_000;
/** An XLSX is a zip: what its parts may unpack to in all (a zip bomb is refused before any XLSX parsing). */
export const IMPORT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

const XLSX = TABLE_MEDIA_TYPES.xlsx;
const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values'];
// Browsers on Windows label .csv files application/vnd.ms-excel: the bytes decide what it is.
const SNIFFED = 'application/vnd.ms-excel';

function formatOf(contentType: string | undefined, bytes: Buffer): TableFormat {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === XLSX) return 'xlsx';
  if (type === SNIFFED) return bytes.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
  return 'csv';
}

const toAdminImport = (r: ImportRecord): z.input<typeof ImportSchema> => ({
  id: r.id,
  status: r.status,
  fileName: r.fileName,
  format: r.format,
  strict: r.strict,
  createdAt: r.createdAt.toISOString(),
  applyRequestedAt: r.applyRequestedAt?.toISOString() ?? null,
  completedAt: r.completedAt?.toISOString() ?? null,
  progress: { total: r.totalRows, invalid: r.invalidRows, done: r.rowsDone, failed: r.rowsFailed },
  summary: r.summary,
});

export const importRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/imports/template',
    operationId: 'getImportTemplate',
    summary: 'The import template: the header row and an example row',
    tags: TAGS,
    roles: ANY_ROLE,
    query: FormatQuery,
    response: {
      status: 200,
      description: 'The template file',
      schema: FileDownloadSchema,
      file: [TABLE_MEDIA_TYPES.csv, XLSX],
    },
    handler: async ({ query }) => ({
      fileName: `seatsync-import-template.${query.format}`,
      contentType: TABLE_MEDIA_TYPES[query.format],
      stream: tableStream(
        query.format,
        IMPORT_COLUMNS.map((c) => c.key),
        (async function* () {
          yield IMPORT_COLUMNS.map((c) => c.example);
        })(),
        'Users',
      ),
    }),
  }),

  defineRoute({
    method: 'post',
    path: '/imports',
    operationId: 'uploadImport',
    summary: 'Upload a CSV or XLSX file of users: a dry run',
    description:
      "Validates every row with the API's own schemas and rules and answers what each row would do (create, update, " +
      'unchanged; numbers assigned; licenses assigned, scheduled or blocked; groups joined and the licenses rules ' +
      'would then grant) and every error with its column. Nothing in the tenant changes; the rows are kept so that ' +
      '`POST /imports/{id}/apply` can apply them. CSV: any of , ; tab | as delimiter, UTF-8 (with or without BOM), ' +
      'UTF-16 with BOM or Windows-1252, quoted fields. XLSX: the first sheet or `sheet`; formulas are read as their ' +
      `saved values, never evaluated. At most ${IMPORT_MAX_BYTES} bytes (413) and ${IMPORT_MAX_ROWS} rows.`,
    tags: TAGS,
    roles: USER_WRITERS,
    errors,
    problems: [
      'request.too_large',
      'request.unsupported_media_type',
      'import.file_invalid',
      'import.too_many_rows',
    ],
    upload: { mediaTypes: [...CSV_TYPES, XLSX, SNIFFED], maxBytes: IMPORT_MAX_BYTES },
    query: UploadQuery,
    headers: z.object({ 'content-type': z.string().optional() }),
    body: UploadBodySchema,
    response: {
      status: 201,
      description: 'The import and what each row would do',
      schema: DryRunResponse,
      headers: ['Location'],
    },
    async handler({ body, query, headers, tenantId, actor, services, setHeader }) {
      const format = formatOf(headers['content-type'], body);
      const table = await readTable(body, {
        format,
        maxRows: IMPORT_MAX_ROWS,
        maxUnpackedBytes: IMPORT_MAX_UNPACKED_BYTES,
        sheet: query.sheet,
        delimiter: query.delimiter,
        encoding: query.encoding,
      }).catch((error: unknown) => {
        if (!(error instanceof TableError)) throw error;
        if (error.code === 'import.too_many_rows')
          throw new DomainError('import.too_many_rows', error.message);
        throw new DomainError('import.file_invalid', error.message, { reason: error.code });
      });
      const header = mapHeader(table.header);
      if (header.missing.length > 0)
        throw new DomainError(
          'import.file_invalid',
          `The header row has no ${header.missing.join(', ')} column`,
          {
            reason: 'import.missing_columns',
            missing: header.missing,
          },
        );
      const rows = table.rows.map((row) => parseRow(row, header));
      const result = await services.imports.dryRun(
        tenantId,
        { fileName: query.fileName ?? null, format, strict: query.strict },
        rows,
        actor,
      );
      setHeader('Location', `/api/v1/imports/${result.import.id}`);
      return { import: toAdminImport(result.import), ignoredColumns: header.ignored, rows: result.rows };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/imports',
    operationId: 'listImports',
    sort: 'newest first (by upload time, then id)',
    summary: 'List the imports, newest first',
    description:
      'Every uploaded file: dry runs not applied, imports being applied with their progress, and completed ones.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: z.object(pageQuery),
    response: { status: 200, description: 'A page of imports', schema: ImportPageSchema },
    async handler({ query, tenantId, services }) {
      // One row more than the page: it only tells whether there is a next page.
      const records = await services.imports.list(tenantId, query.limit + 1, query.cursor);
      return toPage(
        records,
        query.limit,
        (r) => ({ createdAt: r.createdAt.toISOString(), id: r.id }),
        toAdminImport,
      );
    },
  }),

  defineRoute({
    method: 'get',
    path: '/imports/:id',
    operationId: 'getImport',
    summary: 'An import and its progress',
    tags: TAGS,
    roles: ANY_ROLE,
    errors,
    params: IdParams,
    response: { status: 200, description: 'The import', schema: ImportSchema },
    handler: async ({ params, tenantId, services }) =>
      toAdminImport(await services.imports.get(tenantId, params.id)),
  }),

  defineRoute({
    method: 'post',
    path: '/imports/:id/apply',
    operationId: 'applyImport',
    summary: 'Apply an import',
    description:
      'The valid rows are applied by a job, in batches of one transaction each; follow the progress with ' +
      "`GET /imports/{id}` and download each row's outcome from `/imports/{id}/result`. Rows are planned again " +
      'against the tenant as it is then. A row that fails never stops the others. An import is applied once; ' +
      're-importing the same file is safe: users are matched by e-mail and what is already so stays unchanged.',
    tags: TAGS,
    roles: USER_WRITERS,
    errors,
    problems: ['import.invalid_state'],
    params: IdParams,
    response: { status: 202, description: 'The import, queued', schema: ImportSchema },
    handler: async ({ params, tenantId, actor, services }) =>
      toAdminImport(await services.imports.requestApply(tenantId, params.id, actor)),
  }),

  defineRoute({
    method: 'get',
    path: '/imports/:id/result',
    operationId: 'getImportResult',
    summary: "Each row's outcome as a file",
    tags: TAGS,
    roles: ANY_ROLE,
    errors,
    params: IdParams,
    query: FormatQuery,
    response: {
      status: 200,
      description: 'One line per row of the file',
      schema: FileDownloadSchema,
      file: [TABLE_MEDIA_TYPES.csv, XLSX],
    },
    async handler({ params, query, tenantId, services }) {
      const record = await services.imports.get(tenantId, params.id);
      return {
        fileName: `import-${record.id}-result.${query.format}`,
        contentType: TABLE_MEDIA_TYPES[query.format],
        stream: tableStream(
          query.format,
          RESULT_HEADER,
          importResultRows(services.imports, record.id),
          'Result',
        ),
      };
    },
  }),
];

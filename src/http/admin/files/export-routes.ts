import { z } from 'zod';
import {
  assignmentsTable,
  auditLogTable,
  numbersTable,
  usersTable,
  type ExportTable,
} from '../../../features/exports/export-tables.js';
import { TABLE_MEDIA_TYPES, tableStream } from '../../../lib/tabular/write-table.js';
import { ANY_ROLE } from '../admin-roles.js';
import { defineRoute, FileDownloadSchema, type AdminRoute } from '../define-route.js';
import { FormatQuery } from './file-schemas.js';

const TAGS = ['Exports'];
const FILE = [TABLE_MEDIA_TYPES.csv, TABLE_MEDIA_TYPES.xlsx];
const STREAMED =
  'Streamed as it is read, a page of rows at a time (constant memory for any size). Every cell that starts with ' +
  "=, +, -, @ (or a tab or carriage return) is prefixed with ' so a spreadsheet shows it as text and never runs it " +
  "as a formula; the import takes the ' off again.";

const download = (table: ExportTable, format: 'csv' | 'xlsx') => {
  const day = new Date().toISOString().slice(0, 10);
  return {
    fileName: `seatsync-${table.name}-${day}.${format}`,
    contentType: TABLE_MEDIA_TYPES[format],
    stream: tableStream(format, table.header, table.rows, table.name),
  };
};

const AuditLogQuery = FormatQuery.extend({
  from: z.iso.datetime({ offset: true }).optional().describe('Events at or after this time'),
  to: z.iso.datetime({ offset: true }).optional().describe('Events before this time'),
  action: z.string().min(1).max(100).optional().describe('Only this action, e.g. user.created'),
  entityType: z.string().min(1).max(50).optional().describe('Only events of this kind of entity, e.g. user'),
});

export const exportRoutes: readonly AdminRoute[] = [
  ...(
    [
      ['users', 'exportUsers', 'Export users with their licenses, numbers and groups', usersTable],
      ['assignments', 'exportAssignments', 'Export license assignments', assignmentsTable],
      ['numbers', 'exportNumbers', 'Export the number pool', numbersTable],
    ] as const
  ).map(([name, operationId, summary, table]) =>
    defineRoute({
      method: 'get',
      path: `/exports/${name}`,
      operationId,
      summary,
      description:
        name === 'users'
          ? `The columns of the import template first, so an exported file imports back unchanged. ${STREAMED}`
          : STREAMED,
      tags: TAGS,
      roles: ANY_ROLE,
      query: FormatQuery,
      response: { status: 200, description: 'The file', schema: FileDownloadSchema, file: FILE },
      handler: async ({ query, tenantId, container }) =>
        download(table(container.database.knex, tenantId), query.format),
    }),
  ),
  defineRoute({
    method: 'get',
    path: '/exports/audit-log',
    operationId: 'exportAuditLog',
    summary: 'Export the audit log',
    description: `Events in the order they happened, with who made them and the import they came from. ${STREAMED}`,
    tags: TAGS,
    roles: ANY_ROLE,
    query: AuditLogQuery,
    response: { status: 200, description: 'The file', schema: FileDownloadSchema, file: FILE },
    handler: async ({ query, tenantId, container }) =>
      download(
        auditLogTable(container.database.knex, tenantId, {
          from: query.from ? new Date(query.from) : undefined,
          to: query.to ? new Date(query.to) : undefined,
          action: query.action,
          entityType: query.entityType,
        }),
        query.format,
      ),
  }),
];

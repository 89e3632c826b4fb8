import { z } from 'zod';
import { component } from '../admin-schemas.js';
import { pageOf } from '../pagination.js';

export const FormatQuery = z.object({
  format: z.enum(['csv', 'xlsx']).default('csv').describe('csv (UTF-8 with a BOM) or xlsx'),
});

const RowErrorSchema = component(
  z.object({ column: z.string().nullable(), code: z.string(), message: z.string() }),
  'ImportRowError',
  'A problem with a row, in the column it names (null: the row as a whole)',
);

const RowOutcomeSchema = component(
  z.object({
    line: z.number().int().describe('The line (CSV) or row number (XLSX) in the file'),
    email: z.string().nullable(),
    status: z.enum(['invalid', 'valid', 'applied', 'failed']),
    user: z
      .object({
        action: z.enum(['create', 'update', 'unchanged']),
        id: z.string().nullable(),
        changed: z.array(z.string()),
      })
      .nullable(),
    numbers: z.array(
      z.object({
        number: z.string(),
        kind: z.enum(['fixed', 'mobile']),
        action: z.enum(['assign', 'unchanged']),
      }),
    ),
    licenses: z.array(
      z.object({
        product: z.string(),
        action: z.enum(['assign', 'schedule', 'unchanged']),
        state: z.enum(['active', 'scheduled', 'blocked', 'held']),
        effectiveAt: z.string().nullable(),
        conflicts: z.array(z.object({ reason: z.string(), message: z.string() })),
      }),
    ),
    groups: z.array(z.object({ group: z.string(), action: z.enum(['join', 'unchanged']) })),
    ruleLicenses: z
      .array(z.object({ ruleId: z.string(), ruleName: z.string(), product: z.string() }))
      .describe('Licenses the active rules would grant through the groups the row joins'),
    errors: z.array(RowErrorSchema),
  }),
  'ImportRowOutcome',
);

export const ImportSchema = component(
  z.object({
    id: z.string(),
    status: z.enum(['validated', 'applying', 'completed']),
    fileName: z.string().nullable(),
    format: z.enum(['csv', 'xlsx']),
    strict: z.boolean(),
    createdAt: z.iso.datetime(),
    applyRequestedAt: z.iso.datetime().nullable(),
    completedAt: z.iso.datetime().nullable(),
    progress: z.object({
      total: z.number().int().describe('Rows in the file'),
      invalid: z.number().int().describe('Rows the dry run refused (never applied)'),
      done: z.number().int().describe('Rows the apply has handled so far'),
      failed: z.number().int().describe('Rows that failed while being applied'),
    }),
    summary: z.object({
      rows: z.number().int(),
      valid: z.number().int(),
      invalid: z.number().int(),
      users: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() }),
      products: z.array(
        z.object({
          product: z.string(),
          direct: z.number().int(),
          viaRules: z.number().int(),
          seatsAvailable: z.number().int(),
          seatShortfall: z.number().int(),
        }),
      ),
    }),
  }),
  'Import',
);

export const ImportPageSchema = pageOf(ImportSchema, 'ImportPage');

export const DryRunResponse = component(
  z.object({
    import: ImportSchema,
    ignoredColumns: z.array(z.string()).describe('Headers that are not template columns'),
    rows: z.array(RowOutcomeSchema),
  }),
  'ImportDryRun',
);

export const UploadQuery = z.object({
  sheet: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe("XLSX: the sheet to read; the workbook's first by default"),
  delimiter: z
    .enum([',', ';', '\t', '|'])
    .optional()
    .describe('CSV: the delimiter; found from the header line by default'),
  encoding: z
    .enum(['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1'])
    .optional()
    .describe('CSV: the text encoding; from the BOM, else UTF-8 when valid, else Windows-1252'),
  fileName: z.string().max(255).optional(),
  strict: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('true: a row whose license would wait blocked (no seat, unmet requirement) is an error'),
});

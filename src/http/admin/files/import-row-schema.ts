import { z } from 'zod';
import {
  columnKeyOf,
  IMPORT_COLUMN_KEYS,
  splitList,
  type ImportColumn,
} from '../../../features/imports/import-columns.js';
import type { ImportRowInput, ParsedRow, RowError } from '../../../features/imports/import-row.js';
import { unescapeFormula } from '../../../lib/tabular/formula-escape.js';
import type { TableRow } from '../../../lib/tabular/read-table.js';
import { CountryCode, DateOrDateTimeInput, E164, EmailAddress, LanguageTag } from '../admin-schemas.js';
import { CreateUserRequest, UpdateUserRequest } from '../users/user-schemas.js';

// Each cell is checked with the schema the admin API checks the same field with (POST /users, PATCH /users/{id},
// POST /assignments), so a row is valid exactly when the API would accept it.
const create = CreateUserRequest.shape;
const update = UpdateUserRequest.shape;

const YES = /^(yes|y|true|1|x)$/i;
const NO = /^(no|n|false|0)$/i;

const cells = z.object({
  email: EmailAddress,
  first_name: create.firstName.optional(),
  surname: create.surname.optional(),
  country: CountryCode.optional(),
  language: LanguageTag.optional(),
  department: create.department,
  job_title: update.title.unwrap().unwrap().optional(),
  mobile_number: E164.optional(),
  fixed_number: E164.optional(),
  products: z.string().optional(),
  activation_date: DateOrDateTimeInput.optional(),
  groups: z.string().optional(),
  send_onboarding_email: z
    .string()
    .refine((v) => YES.test(v) || NO.test(v), 'must be yes or no')
    .optional(),
});

const EMERGENCY: Record<string, ImportColumn> = {
  streetAddress: 'emergency_street',
  postalCode: 'emergency_postal_code',
  locality: 'emergency_city',
  region: 'emergency_region',
  country: 'emergency_country',
};
const emergencyAddress = update.emergencyAddress.unwrap().unwrap();

/** How the file's header maps to template columns; unknown headers are ignored and reported. */
export interface HeaderMap {
  /** Column key → index in the row. */
  index: Map<ImportColumn, number>;
  ignored: string[];
  missing: ImportColumn[];
}

export function mapHeader(header: readonly string[]): HeaderMap {
  const index = new Map<ImportColumn, number>();
  const ignored: string[] = [];
  header.forEach((name, i) => {
    const key = columnKeyOf(name) as ImportColumn;
    if (IMPORT_COLUMN_KEYS.includes(key) && !index.has(key)) index.set(key, i);
    else if (name.trim() !== '') ignored.push(name);
  });
  const missing = IMPORT_COLUMN_KEYS.filter((k) => k === 'email' && !index.has(k));
  return { index, ignored, missing };
}

/** One row of the file as the import feature's typed row, or the errors of its cells, each with its column. */
export function parseRow(row: TableRow, header: HeaderMap): ParsedRow {
  const raw: Partial<Record<ImportColumn, string>> = {};
  for (const [key, i] of header.index) {
    const value = unescapeFormula((row.cells[i] ?? '').trim());
    if (value !== '') raw[key] = value;
  }
  const errors: RowError[] = [];
  const parsed = cells.safeParse(raw);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      errors.push({
        column: (issue.path[0] as ImportColumn) ?? null,
        code: 'validation.failed',
        message: issue.message,
      });

  const emergencyCells = Object.entries(EMERGENCY).filter(([, column]) => raw[column] !== undefined);
  let emergency: ImportRowInput['emergencyAddress'];
  if (emergencyCells.length > 0) {
    const address = emergencyAddress.safeParse(
      Object.fromEntries(emergencyCells.map(([field, column]) => [field, raw[column]])),
    );
    if (address.success) emergency = address.data;
    else
      for (const issue of address.error.issues)
        errors.push({
          column: EMERGENCY[String(issue.path[0])] ?? 'emergency_street',
          code: 'validation.failed',
          message: issue.message,
        });
  }
  const email = raw.email ?? null;
  if (!parsed.success || errors.length > 0) return { line: row.line, email, input: null, errors };
  const v = parsed.data;
  const input: ImportRowInput = {
    email: v.email,
    products: splitList(v.products ?? ''),
    groups: splitList(v.groups ?? ''),
    sendOnboardingEmail: v.send_onboarding_email !== undefined && YES.test(v.send_onboarding_email),
    ...(v.first_name !== undefined ? { firstName: v.first_name } : {}),
    ...(v.surname !== undefined ? { surname: v.surname } : {}),
    ...(v.country !== undefined ? { country: v.country } : {}),
    ...(v.language !== undefined ? { language: v.language } : {}),
    ...(v.department !== undefined ? { department: v.department } : {}),
    ...(v.job_title !== undefined ? { title: v.job_title } : {}),
    ...(v.mobile_number !== undefined ? { mobileNumber: v.mobile_number } : {}),
    ...(v.fixed_number !== undefined ? { fixedNumber: v.fixed_number } : {}),
    ...(v.activation_date !== undefined ? { activationDate: v.activation_date.toISOString() } : {}),
    ...(emergency ? { emergencyAddress: emergency } : {}),
  };
  return { line: row.line, email, input, errors: [] };
}

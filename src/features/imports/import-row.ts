import { z } from 'zod';
import type { ImportColumn } from './import-columns.js';

/**
 * One row of an import once the admin API's schemas have validated it (see http/admin/files). Absent fields are
 * empty cells: a new user gets the tenant's defaults, an existing user keeps what they have.
 */
export const importRowInputSchema = z.object({
  email: z.string(),
  firstName: z.string().optional(),
  surname: z.string().optional(),
  country: z.string().optional(),
  language: z.string().optional(),
  department: z.string().optional(),
  title: z.string().optional(),
  mobileNumber: z.string().optional(),
  fixedNumber: z.string().optional(),
  products: z.array(z.string()),
  /** ISO date-time; absent: now. */
  activationDate: z.string().optional(),
  groups: z.array(z.string()),
  emergencyAddress: z
    .object({
      streetAddress: z.string(),
      locality: z.string(),
      region: z.string().optional(),
      postalCode: z.string(),
      country: z.string(),
    })
    .optional(),
  sendOnboardingEmail: z.boolean(),
});
export type ImportRowInput = z.infer<typeof importRowInputSchema>;

/** A problem with a row, and the column it is in (null: the row as a whole). */
export interface RowError {
  column: ImportColumn | null;
  code: string;
  message: string;
}

/** A row as read from the file: validated, or with the errors that kept it from validating. */
export interface ParsedRow {
  line: number;
  email: string | null;
  input: ImportRowInput | null;
  errors: RowError[];
}

export type UserAction = 'create' | 'update' | 'unchanged';
export type LicenseAction = 'assign' | 'schedule' | 'unchanged';

export interface LicensePlan {
  product: string;
  action: LicenseAction;
  /** What the license would be after the row: active now, scheduled, or blocked with conflicts. */
  state: 'active' | 'scheduled' | 'blocked' | 'held';
  effectiveAt: string | null;
  conflicts: Array<{ reason: string; message: string }>;
}

/** What a row does (dry run), or did (applied). */
export interface RowOutcome {
  line: number;
  email: string | null;
  status: 'invalid' | 'valid' | 'applied' | 'failed';
  user: { action: UserAction; id: string | null; changed: string[] } | null;
  numbers: Array<{ number: string; kind: 'fixed' | 'mobile'; action: 'assign' | 'unchanged' }>;
  licenses: LicensePlan[];
  groups: Array<{ group: string; action: 'join' | 'unchanged' }>;
  /** Licenses the tenant's active rules would grant through the row's groups. */
  ruleLicenses: Array<{ ruleId: string; ruleName: string; product: string }>;
  errors: RowError[];
}

export const rowOutcomeSchema = z.custom<RowOutcome>((value) => typeof value === 'object' && value !== null);

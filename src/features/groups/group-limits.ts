import { DomainError } from '../../domain-error.js';

/**
 * Length limits of the group texts PostgreSQL indexes (characters; see users/user-limits.ts for why): Entra group
 * names are at most 256 characters. A longer value is a 400 `invalidValue`.
 */
export const GROUP_TEXT_LIMITS = {
  /** groups.display_name: unique per tenant, case-insensitive. */
  displayName: 256,
  /** groups.external_id. */
  externalId: 256,
} as const;

export function checkGroupText(name: keyof typeof GROUP_TEXT_LIMITS, value: string | null | undefined): void {
  const max = GROUP_TEXT_LIMITS[name];
  if (typeof value === 'string' && value.length > max) {
    throw new DomainError('invalid_value', `${name} is longer than ${max} characters (${value.length})`);
  }
}

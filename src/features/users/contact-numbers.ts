import type { MultiValue } from './user.js';

/**
 * Who wrote a user change, and what it may break (DESIGN.md, invariants). `admin`: a typed number that is not the
 * tenant's pool number assigned to the user, or the removal of one that is, is refused; running licenses the
 * change would leave without a requirement refuse it unless `brokenLicenses` is `grace`. `directory` (SCIM, the
 * Entra sync, seatsync's own writes): the IdP owns names and contact data but never number ownership — pool
 * numbers it drops are kept, numbers that are not the user's are kept as plain contact data (listed as conflicts),
 * and licenses it breaks go to grace.
 */
export interface WritePolicy {
  by: 'admin' | 'directory';
  brokenLicenses: 'refuse' | 'grace';
}

export const DIRECTORY_WRITE: WritePolicy = { by: 'directory', brokenLicenses: 'grace' };

/** users → numbers: settles the phone numbers a write puts in a user's contact details against the pool. */
export interface ContactNumbers {
  /**
   * The phone numbers to store: `after` with the user's pool numbers kept. `userId` null: a new user (no pool
   * numbers yet). Throws number.not_owned / number.pool_assigned for an admin write that breaks ownership.
   */
  settle(
    tenantId: string,
    userId: string | null,
    before: readonly MultiValue[],
    after: readonly MultiValue[],
    by: WritePolicy['by'],
  ): Promise<MultiValue[]>;
}

import { DomainError } from '../../domain-error.js';
import type { ContactNumbers, WritePolicy } from '../users/contact-numbers.js';
import type { MultiValue } from '../users/user.js';
import type { NumberStore } from './number-store.js';
import { isE164, type NumberKind } from './numbering-plan.js';

/** The contact-details type a pool number of each kind is shown under. */
export const PROFILE_TYPE: Record<NumberKind, string> = { fixed: 'work', mobile: 'mobile' };

/** A number as written in contact details, compacted to E.164 when it is one (`+46 8-123 45 67` → `+4681234567`). */
export function compactNumber(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const compact = value.replace(/[\s().\-/]/g, '').replace(/^00/, '+');
  return isE164(compact) ? compact : null;
}

/** Who holds a number a write mentions: this user (from the pool), the pool unassigned, another user, nobody. */
export type Holder = 'user' | 'pool' | 'other_user' | 'not_tenant';

/**
 * The phone numbers a write stores (pure). The user's pool numbers are always there: an admin who drops one is
 * refused (release it instead); the IdP or directory dropping one (a SCIM PUT without it) gets it back. A number
 * the write adds that is not the user's pool number is refused for an admin and kept as plain contact data for the
 * directory — it satisfies no requirement either way (only pool numbers count, see user-facts.ts).
 */
export function settleNumbers(
  before: readonly MultiValue[],
  after: readonly MultiValue[],
  pool: ReadonlyArray<{ e164: string; kind: NumberKind }>,
  holderOf: (e164: string) => Holder,
  by: WritePolicy['by'],
): MultiValue[] {
  const had = new Set(before.map((p) => compactNumber(p.value)));
  const has = new Set(after.map((p) => compactNumber(p.value)));
  const out = [...after];
  for (const n of pool) {
    if (has.has(n.e164)) continue;
    if (by === 'admin' && had.has(n.e164)) {
      const message = `${n.e164} is assigned to the user from the number pool: release it (POST /numbers/${n.e164}/release) to take it away`;
      throw new DomainError('number.pool_assigned', message, { number: n.e164 }, [
        { path: ['phoneNumbers', PROFILE_TYPE[n.kind]], message },
      ]);
    }
    out.push({ value: n.e164, type: PROFILE_TYPE[n.kind] });
  }
  if (by === 'admin') {
    for (const [index, p] of after.entries()) {
      const e164 = compactNumber(p.value);
      if (e164 === null || had.has(e164)) continue;
      const holder = holderOf(e164);
      if (holder === 'user') continue;
      const message = notOwnedMessage(e164, holder);
      // The number is named by its type (work, mobile) where it has one: that is how an admin edits it.
      throw new DomainError('number.not_owned', message, { number: e164, holder }, [
        { path: ['phoneNumbers', p.type ?? index], message },
      ]);
    }
  }
  return out;
}

function notOwnedMessage(e164: string, holder: Exclude<Holder, 'user'>): string {
  switch (holder) {
    case 'pool':
      return `${e164} is in the number pool but not assigned to this user: assign it (POST /numbers/${e164}/assign) instead of typing it`;
    case 'other_user':
      return `${e164} is assigned to another user: release it there first`;
    case 'not_tenant':
      return `${e164} is not one of the tenant's numbers: acquire or port it into the pool, then assign it`;
  }
}

/** ContactNumbers over the number store: one read of the user's pool numbers and of who holds the new ones. */
export class ContactNumberOwnership implements ContactNumbers {
  constructor(private readonly store: NumberStore) {}

  async settle(
    tenantId: string,
    userId: string | null,
    before: readonly MultiValue[],
    after: readonly MultiValue[],
    by: WritePolicy['by'],
  ): Promise<MultiValue[]> {
    const pool = userId === null ? [] : await this.store.assignedNumbers(tenantId, userId);
    const had = new Set(before.map((p) => compactNumber(p.value)));
    const added = after
      .map((p) => compactNumber(p.value))
      .filter((e): e is string => e !== null && !had.has(e));
    const holders =
      by === 'admin' && added.length > 0 ? await this.store.holders(tenantId, added) : new Map();
    return settleNumbers(
      before,
      after,
      pool,
      (e164) => {
        const h = holders.get(e164);
        if (h === undefined) return 'not_tenant';
        if (h === null) return 'pool';
        return h === userId ? 'user' : 'other_user';
      },
      by,
    );
  }
}

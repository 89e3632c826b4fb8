import { LIVE_STATES } from '../../../features/assignments/assignment-states.js';
import type { SqlCondition } from '../../../features/users/user-store.js';
import type { Cursor } from '../pagination.js';

export interface UserSearch {
  q?: string;
  status?: 'active' | 'suspended';
  department?: string;
  country?: string;
  /** A product id: users with a license of it that has not ended. */
  productId?: string;
  after?: Cursor;
}

// A `profile.emails` that is not an array (an IdP can send anything) matches nothing instead of failing the query.
const valuesOf = (field: string) =>
  `jsonb_array_elements(CASE WHEN jsonb_typeof(u.profile->'${field}') = 'array' THEN u.profile->'${field}' ELSE '[]'::jsonb END)`;
const EMAILS = valuesOf('emails');
const PHONES = valuesOf('phoneNumbers');

/** The digits of a search text that looks like a phone number (`+46 8-123 45`), else null. */
function phoneDigits(q: string): string | null {
  if (!/^\+?[\d\s().-]{3,}$/.test(q)) return null;
  const digits = q.replace(/\D/g, '');
  return digits.length >= 3 ? digits : null;
}

/** The WHERE condition (over alias `u`) of the admin user list: search text, filters and the page's start. */
export function userSearchCondition(tenantId: string, search: UserSearch): SqlCondition | undefined {
  const parts: string[] = [];
  const bindings: Array<string | boolean> = [];
  if (search.q) {
    const like = `%${search.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // A number is matched on its digits, so `+46 8 123` finds +468123…; other text as typed.
    const digits = phoneDigits(search.q);
    parts.push(
      `(u.user_name ILIKE ? OR u.display_name ILIKE ? OR u.profile->>'department' ILIKE ?` +
        ` OR EXISTS (SELECT 1 FROM ${EMAILS} AS e(v) WHERE e.v->>'value' ILIKE ?)` +
        ` OR EXISTS (SELECT 1 FROM ${PHONES} AS p(v) WHERE regexp_replace(p.v->>'value', '\\D', '', 'g') LIKE ?))`,
    );
    bindings.push(like, like, like, like, digits ? `%${digits}%` : like);
  }
  if (search.status) {
    parts.push('u.active = ?');
    bindings.push(search.status === 'active');
  }
  // Written as the expressions of the users_department_list and users_country_list indexes.
  if (search.department) {
    parts.push("lower(u.profile->>'department') = lower(?)");
    bindings.push(search.department);
  }
  if (search.country) {
    parts.push("upper(u.profile->>'country') = ?");
    bindings.push(search.country.toUpperCase());
  }
  if (search.productId) {
    parts.push(
      'EXISTS (SELECT 1 FROM license_assignments a WHERE a.tenant_id = ? AND a.user_id = u.id AND a.product_id = ?' +
        ` AND a.state IN (${LIVE_STATES.map(() => '?').join(', ')}))`,
    );
    bindings.push(tenantId, search.productId, ...LIVE_STATES);
  }
  if (search.after) {
    // The cursor's own row gives created_at at full (microsecond) precision, which a JavaScript Date cannot
    // carry; the cursor's timestamp is the fallback. A row constructor, so the (tenant_id, created_at, id) index serves it.
    parts.push(
      '(u.created_at, u.id) > (COALESCE((SELECT c.created_at FROM users c WHERE c.tenant_id = ? AND c.id = ?), ?::timestamptz), ?::uuid)',
    );
    bindings.push(tenantId, search.after.id, search.after.createdAt, search.after.id);
  }
  return parts.length > 0 ? { sql: parts.join(' AND '), bindings } : undefined;
}

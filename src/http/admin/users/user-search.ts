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
    const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // user_search_text (migration user_search_index) is the lower-cased text the trigram index covers: user name,
    // display name, department, e-mails, phone numbers and their digits. A number is also matched on its digits, so
    // `+46 8 123` finds +468123….
    const digits = phoneDigits(search.q);
    parts.push(
      '(user_search_text(u.user_name, u.display_name, u.profile) LIKE lower(?)' +
        (digits ? ' OR user_search_text(u.user_name, u.display_name, u.profile) LIKE ?)' : ')'),
    );
    bindings.push(like(search.q));
    if (digits) bindings.push(like(digits));
  }
  // A literal, not a binding, so the planner can use the partial index of suspended users.
  if (search.status) parts.push(search.status === 'active' ? 'u.active' : 'NOT u.active');
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

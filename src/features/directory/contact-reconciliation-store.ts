import type { Knex } from 'knex';
import type { UserProfile } from '../users/user.js';
import type { MirroredUser } from './directory-user-mapping.js';

/** An active seatsync user a connection feeds, with the directory's side of it. */
export interface LinkedUserRow {
  object_id: string;
  data: MirroredUser;
  user_id: string;
  profile: UserProfile;
}

/** The reads of a contact reconciliation: the users to compare and who holds the tenant's numbers. */
export class ContactReconciliationStore {
  constructor(private readonly db: Knex) {}

  /** The next batch of active seatsync users the connection feeds, in directory object id order. */
  async linkedUsers(
    connectionId: string,
    tenantId: string,
    after: string,
    limit: number,
  ): Promise<LinkedUserRow[]> {
    const result = await this.db.raw(
      `SELECT du.object_id, du.data, u.id AS user_id, u.profile
       FROM directory_users du JOIN users u ON u.id = du.user_id
       WHERE du.connection_id = ? AND NOT du.removed AND du.object_id > ?
         AND u.tenant_id = ? AND u.deleted_at IS NULL AND u.active
       ORDER BY du.object_id LIMIT ?`,
      [connectionId, after, tenantId, limit],
    );
    return result.rows as LinkedUserRow[];
  }

  /** Which of the E.164 numbers are the tenant's, and the user each is assigned to (null: none). */
  async numberHolders(tenantId: string, e164s: string[]): Promise<Map<string, string | null>> {
    const owned = new Map<string, string | null>();
    if (e164s.length === 0) return owned;
    const found = (await this.db('phone_numbers')
      .where('tenant_id', tenantId)
      .whereRaw('e164 = ANY(?::text[])', [e164s])
      .select('e164', 'user_id')) as Array<{ e164: string; user_id: string | null }>;
    for (const number of found) owned.set(number.e164, number.user_id);
    return owned;
  }
}

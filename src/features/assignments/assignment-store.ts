import type { Knex } from 'knex';
import type { SqlText } from '../../db/prepared-reads.js';
import { isUuid } from '../../lib/uuid.js';
import type { Assignment, BlockReason, Grant } from './assignment.js';
import {
  GRANTABLE_STATES,
  HOLDING_STATES,
  LIVE_STATES,
  PENDING_STATES,
  REMOVING_STATES,
  RUNNING_STATES,
  ENDED_STATES,
  sqlStates,
  type AssignmentState,
} from './assignment-states.js';
import { readUserStates, type UserState } from './user-facts.js';

/** A `license_assignments` row with its product and track keys (joined from the catalog). */
export interface AssignmentRow {
  id: string;
  tenant_id: string;
  user_id: string;
  product_id: string;
  product_key: string;
  track_key: string;
  state: AssignmentState;
  effective_at: Date;
  blocked_reasons: BlockReason[];
  blocked_since: Date | null;
  replaces_id: string | null;
  activated_at: Date | null;
  removal_at: Date | null;
  grace_ends_at: Date | null;
  removal_cause: Assignment['removalCause'];
  ended_at: Date | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/** The fields a state change may set; the others of them are cleared (see CLEARED). */
export type TransitionValues = Partial<
  Pick<
    AssignmentRow,
    | 'effective_at'
    | 'replaces_id'
    | 'activated_at'
    | 'blocked_reasons'
    | 'blocked_since'
    | 'removal_at'
    | 'grace_ends_at'
    | 'removal_cause'
    | 'ended_at'
  >
>;

export const toAssignment = (r: AssignmentRow): Assignment => ({
  id: r.id,
  tenantId: r.tenant_id,
  userId: r.user_id,
  productId: r.product_id,
  productKey: r.product_key,
  trackKey: r.track_key,
  state: r.state,
  effectiveAt: r.effective_at,
  blockedReasons: r.blocked_reasons,
  blockedSince: r.blocked_since,
  replacesId: r.replaces_id,
  activatedAt: r.activated_at,
  removalAt: r.removal_at,
  graceEndsAt: r.grace_ends_at,
  removalCause: r.removal_cause,
  endedAt: r.ended_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The fields a state change resets; each change names the ones it sets. */
const CLEARED = {
  blocked_reasons: JSON.stringify([]),
  blocked_since: null,
  removal_at: null,
  grace_ends_at: null,
  removal_cause: null,
  ended_at: null,
};

/** Oldest intent first: the order in which waiting and due assignments are served. */
const OLDEST_FIRST = [{ column: 'a.effective_at' }, { column: 'a.created_at' }, { column: 'a.id' }];
/** The order a user's licenses are shown and handled in: by track, then as they were created. */
const BY_TRACK = [{ column: 't.position' }, { column: 'a.created_at' }];

/**
 * The one writer of `license_assignments` and `assignment_grants`. Methods named `lock…` take the rows' locks
 * (FOR UPDATE); `claim…` skip rows another transaction holds, so two workers never take the same row.
 */
export class AssignmentStore {
  constructor(private readonly db: Knex) {}

  // ---------------------------------------------------------------- reads

  find(tenantId: string, id: string): Promise<AssignmentRow | undefined> {
    return isUuid(id) ? this.query(tenantId).where('a.id', id).first() : Promise.resolve(undefined);
  }

  lock(tenantId: string, id: string): Promise<AssignmentRow | undefined> {
    return isUuid(id)
      ? this.query(tenantId).where('a.id', id).forUpdate('a').first()
      : Promise.resolve(undefined);
  }

  /** Re-reads and locks rows of the tenant (those moved on keep their new state). */
  lockMany(tenantId: string, ids: readonly string[]): Promise<AssignmentRow[]> {
    return this.query(tenantId).whereIn('a.id', ids).forUpdate('a');
  }

  listForUser(tenantId: string, userId: string): Promise<AssignmentRow[]> {
    return this.query(tenantId).where('a.user_id', userId).orderBy(BY_TRACK);
  }

  /** The licenses of a page of users that have not ended, in one query (the (tenant_id, user_id) index). */
  liveOfUsers(tenantId: string, userIds: readonly string[]): Promise<AssignmentRow[]> {
    return this.query(tenantId)
      .whereIn('a.user_id', userIds)
      .whereIn('a.state', LIVE_STATES)
      .orderBy(BY_TRACK);
  }

  pendingOfUser(tenantId: string, userId: string): Promise<AssignmentRow[]> {
    return this.query(tenantId)
      .where('a.user_id', userId)
      .whereIn('a.state', PENDING_STATES)
      .orderBy(BY_TRACK);
  }

  /**
   * A page by effective date, then id. `after` is the previous page's last row, its effective date the fallback
   * when it was re-dated since (the row's own date, at full precision, when it is there).
   */
  list(
    tenantId: string,
    options: {
      productId?: string;
      state?: AssignmentState;
      userId?: string;
      after?: { id: string; effectiveAt: string };
      limit: number;
    },
  ): Promise<AssignmentRow[]> {
    const q = this.query(tenantId)
      .orderBy([{ column: 'a.effective_at' }, { column: 'a.id' }])
      .limit(options.limit);
    if (options.productId) q.where('a.product_id', options.productId);
    if (options.state) q.where('a.state', options.state);
    if (options.userId) q.where('a.user_id', options.userId);
    if (options.after) {
      q.whereRaw(
        '(a.effective_at, a.id) > (COALESCE((SELECT c.effective_at FROM license_assignments c WHERE c.tenant_id = ? AND c.id = ?), ?::timestamptz), ?::uuid)',
        [tenantId, options.after.id, options.after.effectiveAt, options.after.id],
      );
    }
    return q;
  }

  async userExists(tenantId: string, userId: string): Promise<boolean> {
    const user = await this.db('users')
      .where({ tenant_id: tenantId, id: userId })
      .whereNull('deleted_at')
      .first('id');
    return Boolean(user);
  }

  /** The users' state for requirement checks in one statement (see readUserStates). */
  userStates(
    tenantId: string,
    userIds: readonly string[],
    options: { lock: boolean },
  ): Promise<Map<string, UserState>> {
    return readUserStates(this.db, tenantId, userIds, options);
  }

  /** The products of these assignments (the licenses a swap replaces). */
  async productsOf(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: Array<{ product_id: string }> = await this.db('license_assignments')
      .whereIn('id', ids)
      .select('product_id');
    return rows.map((r) => r.product_id);
  }

  /** The products whose seat the user holds. */
  async heldProducts(tenantId: string, userId: string): Promise<string[]> {
    const rows: Array<{ product_id: string }> = await this.db('license_assignments')
      .where({ tenant_id: tenantId, user_id: userId })
      .whereIn('state', HOLDING_STATES)
      .select('product_id');
    return rows.map((r) => r.product_id);
  }

  // ---------------------------------------------------------------- locked reads that decide a write

  lockActiveOfUser(tenantId: string, userId: string): Promise<AssignmentRow[]> {
    return this.query(tenantId).where({ 'a.user_id': userId, 'a.state': 'active' }).forUpdate('a');
  }

  /** What a suspension started to remove. */
  lockSuspendedOfUser(tenantId: string, userId: string): Promise<AssignmentRow[]> {
    return this.query(tenantId)
      .where({ 'a.user_id': userId, 'a.removal_cause': 'suspension' })
      .whereIn('a.state', REMOVING_STATES)
      .forUpdate('a');
  }

  /** The user's running licenses other than `exceptId`, in the order dependents are reported. */
  lockRunningOfUser(tenantId: string, userId: string, exceptId: string | null): Promise<AssignmentRow[]> {
    const q = this.query(tenantId).where('a.user_id', userId).whereIn('a.state', RUNNING_STATES);
    if (exceptId !== null) q.whereNot('a.id', exceptId);
    return q.orderBy([...BY_TRACK, { column: 'a.id' }]).forUpdate('a');
  }

  /**
   * In one statement, what an intent in an exclusive track locks: the user's active or pending licenses of the
   * track's other products, and the user's live assignment of the product itself (as lockOfUserAndProduct).
   */
  async lockInTrack(
    tenantId: string,
    userId: string,
    trackKey: string,
    productId: string,
  ): Promise<{ others: AssignmentRow[]; own: AssignmentRow | undefined }> {
    const rows: AssignmentRow[] = await this.query(tenantId)
      .where({ 'a.user_id': userId, 't.key': trackKey })
      .where((q) =>
        q
          .where((own) => own.where('a.product_id', productId).whereIn('a.state', LIVE_STATES))
          .orWhere((other) => other.whereNot('a.product_id', productId).whereIn('a.state', GRANTABLE_STATES)),
      )
      .forUpdate('a');
    return {
      others: rows.filter((r) => r.product_id !== productId),
      own: rows.find((r) => r.product_id === productId),
    };
  }

  /** The user's live (not cancelled, not removed) assignment of the product: there is at most one. */
  lockOfUserAndProduct(
    tenantId: string,
    userId: string,
    productId: string,
  ): Promise<AssignmentRow | undefined> {
    return this.query(tenantId)
      .where({ 'a.user_id': userId, 'a.product_id': productId })
      .whereIn('a.state', LIVE_STATES)
      .forUpdate('a')
      .first();
  }

  /** Those of these users who have a live (not cancelled, not removed) assignment of the product. */
  async usersWithLive(tenantId: string, userIds: readonly string[], productId: string): Promise<Set<string>> {
    const rows: Array<{ user_id: string }> = await this.db('license_assignments')
      .where({ tenant_id: tenantId, product_id: productId })
      .whereIn('user_id', userIds)
      .whereIn('state', LIVE_STATES)
      .select('user_id');
    return new Set(rows.map((r) => r.user_id));
  }

  /** The pending (scheduled or blocked) assignments of the product among these users. */
  lockPendingOfUsers(
    tenantId: string,
    userIds: readonly string[],
    productId: string,
  ): Promise<AssignmentRow[]> {
    return this.query(tenantId)
      .whereIn('a.user_id', userIds)
      .where('a.product_id', productId)
      .whereIn('a.state', PENDING_STATES)
      .orderBy([{ column: 'a.effective_at' }, { column: 'a.id' }])
      .forUpdate('a');
  }

  /** The active licenses of these users in these (exclusive) tracks. */
  lockActiveInTracks(
    tenantId: string,
    userIds: readonly string[],
    trackKeys: readonly string[],
  ): Promise<AssignmentRow[]> {
    return this.query(tenantId)
      .whereIn('a.user_id', userIds)
      .whereIn('t.key', trackKeys)
      .where('a.state', 'active')
      .forUpdate('a');
  }

  /** Blocked assignments of the product that wait for a seat, oldest first. */
  claimWaitingForSeat(tenantId: string, productId: string, limit: number): Promise<AssignmentRow[]> {
    return this.query(tenantId)
      .where({ 'a.product_id': productId, 'a.state': 'blocked' })
      .whereRaw('a.blocked_reasons @> \'["seat_unavailable"]\'::jsonb')
      .orderBy(OLDEST_FIRST)
      .limit(limit)
      .forUpdate('a')
      .skipLocked();
  }

  /** What may run again for these users: blocked ones, and licenses stopped because a requirement ended. */
  claimRecheckable(tenantId: string, userIds: readonly string[]): Promise<AssignmentRow[]> {
    return this.query(tenantId)
      .whereIn('a.user_id', userIds)
      .where((q) =>
        q
          .where('a.state', 'blocked')
          .orWhere((l) => l.where('a.removal_cause', 'requirement_lost').whereIn('a.state', REMOVING_STATES)),
      )
      .orderBy(OLDEST_FIRST)
      .forUpdate('a')
      .skipLocked();
  }

  // ---------------------------------------------------------------- claims of the jobs (all tenants)

  claimDue(now: Date, limit: number): Promise<AssignmentRow[]> {
    return this.claim(
      this.baseQuery().where('a.state', 'scheduled').where('a.effective_at', '<=', now),
      limit,
    );
  }

  /** Blocked assignments not checked since `checkedBefore`. */
  claimBlocked(checkedBefore: Date, limit: number): Promise<AssignmentRow[]> {
    return this.claim(
      this.baseQuery()
        .where('a.state', 'blocked')
        .where((q) => q.whereNull('a.checked_at').orWhere('a.checked_at', '<', checkedBefore)),
      limit,
    );
  }

  claimRemovalsDue(now: Date, limit: number): Promise<AssignmentRow[]> {
    return this.claim(
      this.baseQuery().where('a.state', 'removal_scheduled').where('a.removal_at', '<=', now),
      limit,
    );
  }

  claimGraceEnded(now: Date, limit: number): Promise<AssignmentRow[]> {
    return this.claim(this.baseQuery().where('a.state', 'grace').where('a.grace_ends_at', '<=', now), limit);
  }

  // ---------------------------------------------------------------- writes

  async markChecked(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length > 0) await this.db('license_assignments').whereIn('id', ids).update({ checked_at: at });
  }

  /**
   * A new (user, product) row, scheduled, with the id the caller chose: as one statement for EventLog.appendWith
   * (the row and its event in one round trip). Returns no row when the user already has a live assignment of the
   * product (a concurrent request's came first); `read` picks the row's columns from what the statement returns.
   */
  insertScheduledStatement(values: {
    id: string;
    tenantId: string;
    userId: string;
    productId: string;
    effectiveAt: Date;
    replacesId: string | null;
  }): { statement: SqlText; read(row: object): Omit<AssignmentRow, 'product_key' | 'track_key'> } {
    return {
      statement: {
        sql: `INSERT INTO license_assignments (id, tenant_id, user_id, product_id, state, effective_at, replaces_id)
       VALUES (?, ?, ?, ?, 'scheduled', ?, ?)
       ON CONFLICT (tenant_id, user_id, product_id) WHERE state NOT IN (${sqlStates(ENDED_STATES)}) DO NOTHING
       RETURNING *`,
        bindings: [
          values.id,
          values.tenantId,
          values.userId,
          values.productId,
          values.effectiveAt,
          values.replacesId,
        ],
      },
      read: (row) => {
        const r = row as Omit<AssignmentRow, 'product_key' | 'track_key'>;
        return {
          id: r.id,
          tenant_id: r.tenant_id,
          user_id: r.user_id,
          product_id: r.product_id,
          state: r.state,
          effective_at: r.effective_at,
          blocked_reasons: r.blocked_reasons,
          blocked_since: r.blocked_since,
          replaces_id: r.replaces_id,
          activated_at: r.activated_at,
          removal_at: r.removal_at,
          grace_ends_at: r.grace_ends_at,
          removal_cause: r.removal_cause,
          ended_at: r.ended_at,
          version: r.version,
          created_at: r.created_at,
          updated_at: r.updated_at,
        };
      },
    };
  }

  /** Writes one state change: `values` set, the other fields of CLEARED reset. */
  async update(
    id: string,
    to: AssignmentState,
    values: TransitionValues,
    now: Date,
  ): Promise<Omit<AssignmentRow, 'product_key' | 'track_key'>> {
    const { blocked_reasons, ...rest } = values;
    const [updated] = await this.db('license_assignments')
      .where({ id })
      .update({
        ...CLEARED,
        ...rest,
        ...(blocked_reasons ? { blocked_reasons: JSON.stringify(blocked_reasons) } : {}),
        state: to,
        version: this.db.raw('version + 1'),
        updated_at: now,
      })
      .returning('*');
    return updated;
  }

  /** Activates many in one statement. */
  async activateMany(ids: readonly string[], now: Date): Promise<Map<string, AssignmentRow>> {
    const rows: AssignmentRow[] = await this.db('license_assignments')
      .whereIn('id', ids)
      .update({
        ...CLEARED,
        state: 'active',
        activated_at: now,
        version: this.db.raw('version + 1'),
        updated_at: now,
      })
      .returning('*');
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Blocks many in one statement; reasons differ per row, so the UPDATE joins the (id, reasons) pairs. */
  async blockMany(
    blocked: ReadonlyArray<{ id: string; reasons: readonly BlockReason[] }>,
    now: Date,
  ): Promise<Map<string, AssignmentRow>> {
    const { rows } = (await this.db.raw(
      `UPDATE license_assignments a
       SET state = 'blocked', blocked_reasons = v.reasons, blocked_since = coalesce(a.blocked_since, ?),
           removal_at = NULL, grace_ends_at = NULL, removal_cause = NULL, ended_at = NULL,
           version = a.version + 1, updated_at = ?
       FROM unnest(?::uuid[], ?::jsonb[]) AS v(id, reasons)
       WHERE a.id = v.id
       RETURNING a.*`,
      [now, now, blocked.map((b) => b.id), blocked.map((b) => JSON.stringify(b.reasons))],
    )) as { rows: AssignmentRow[] };
    return new Map(rows.map((r) => [r.id, r]));
  }

  // ---------------------------------------------------------------- grants

  async grantsOf(assignmentId: string): Promise<Grant[]> {
    return (await this.grantsOfMany([assignmentId])).get(assignmentId) ?? [];
  }

  /** The grants of many assignments in one query (a page of a list), each assignment's oldest first. */
  async grantsOfMany(assignmentIds: readonly string[]): Promise<Map<string, Grant[]>> {
    const byAssignment = new Map<string, Grant[]>();
    if (assignmentIds.length === 0) return byAssignment;
    const rows: Array<{
      assignment_id: string;
      kind: Grant['kind'];
      rule_id: string | null;
      granted_by: string | null;
      granted_at: Date;
    }> = await this.db('assignment_grants')
      .whereIn('assignment_id', assignmentIds)
      .orderBy(['assignment_id', 'id']);
    for (const r of rows) {
      const grants = byAssignment.get(r.assignment_id) ?? [];
      grants.push({ kind: r.kind, ruleId: r.rule_id, grantedBy: r.granted_by, grantedAt: r.granted_at });
      byAssignment.set(r.assignment_id, grants);
    }
    return byAssignment;
  }

  /** Adds a grant and returns it; null when the assignment already had it. */
  async addGrant(
    tenantId: string,
    assignmentId: string,
    grant: { kind: Grant['kind']; ruleId?: string | undefined },
    grantedBy: string,
  ): Promise<Grant | null> {
    const [inserted] = (await this.db('assignment_grants')
      .insert({
        tenant_id: tenantId,
        assignment_id: assignmentId,
        kind: grant.kind,
        rule_id: grant.ruleId ?? null,
        granted_by: grantedBy,
      })
      .onConflict()
      .ignore()
      .returning('granted_at')) as Array<{ granted_at: Date }>;
    if (!inserted) return null;
    return { kind: grant.kind, ruleId: grant.ruleId ?? null, grantedBy, grantedAt: inserted.granted_at };
  }

  /** Takes one grant away; false when the assignment did not have it. */
  async deleteGrant(assignmentId: string, grant: { kind: Grant['kind']; ruleId?: string }): Promise<boolean> {
    const deleted = await this.db('assignment_grants')
      .where({ assignment_id: assignmentId, kind: grant.kind, rule_id: grant.ruleId ?? null })
      .delete();
    return deleted > 0;
  }

  async deleteGrants(assignmentId: string): Promise<void> {
    await this.db('assignment_grants').where({ assignment_id: assignmentId }).delete();
  }

  async hasGrants(assignmentId: string): Promise<boolean> {
    return Boolean(await this.db('assignment_grants').where({ assignment_id: assignmentId }).first('id'));
  }

  // ---------------------------------------------------------------- internals

  private baseQuery() {
    return this.db({ a: 'license_assignments' })
      .join({ p: 'catalog_products' }, 'p.id', 'a.product_id')
      .join({ t: 'catalog_tracks' }, 't.id', 'p.track_id')
      .select('a.*', { product_key: 'p.key', track_key: 't.key' });
  }

  private query(tenantId: string) {
    return this.baseQuery().where('a.tenant_id', tenantId);
  }

  /** Claims rows for this transaction: rows another worker holds are skipped, never waited for or doubled. */
  private claim(q: Knex.QueryBuilder, limit: number): Promise<AssignmentRow[]> {
    return q.orderBy(OLDEST_FIRST).limit(limit).forUpdate('a').skipLocked();
  }
}

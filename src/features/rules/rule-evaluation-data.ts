import type { Knex } from 'knex';
import type { GrantKind } from '../assignments/assignment.js';
import { LIVE_STATES, type AssignmentState } from '../assignments/assignment-states.js';
import type { UserFacts } from '../assignments/requirement-check.js';
import type { NumberKind } from '../numbers/numbering-plan.js';
import { compileRuleFilter } from './rule-filter.js';
import type { HeldLicense, RuleMatch } from './rule-plan.js';
import type { Rule } from './rule.js';

/**
 * The users each rule selects: live, active members of its group passing its filter. One statement for all
 * rules: the rules' groups are joined to their members and users once, and each rule's filter is a branch of
 * a CASE on the rule id. (One sub-query per rule scanned the users table once per filtered rule: 100 rules
 * over 100k users took tens of seconds.)
 * Suspended and deleted users are left out on purpose: their licenses follow the suspension path, and a rule
 * must not revoke what re-activation is meant to restore.
 */
export async function loadMatches(
  db: Knex,
  tenantId: string,
  rules: readonly Rule[],
  userIds: readonly string[] | null,
): Promise<RuleMatch[]> {
  const sourced = rules.filter((r) => r.groupId !== null);
  if (sourced.length === 0) return [];
  const bindings: unknown[] = [sourced.map((r) => r.id), sourced.map((r) => r.groupId), tenantId];
  const branches: string[] = [];
  for (const rule of sourced) {
    if (!rule.filter) continue;
    const filter = compileRuleFilter(rule.filter);
    branches.push(`WHEN r.rule_id = ?::uuid THEN (${filter.sql})`);
    bindings.push(rule.id, ...filter.bindings);
  }
  let sql = `SELECT r.rule_id, u.id AS user_id, u.created_at
    FROM unnest(?::uuid[], ?::uuid[]) AS r(rule_id, group_id)
    JOIN group_members gm ON gm.group_id = r.group_id
    JOIN users u ON u.id = gm.user_id
    WHERE u.tenant_id = ? AND u.active AND u.deleted_at IS NULL`;
  if (branches.length > 0) sql += ` AND (CASE ${branches.join(' ')} ELSE true END)`;
  if (userIds) {
    sql += ' AND gm.user_id = ANY(?::uuid[])';
    bindings.push([...userIds]);
  }
  const result = await db.raw(sql, bindings as Knex.RawBinding[]);
  return (result.rows as Array<{ rule_id: string; user_id: string; created_at: Date }>).map((r) => ({
    ruleId: r.rule_id,
    userId: r.user_id,
    userCreatedAt: r.created_at,
  }));
}

/**
 * The live licenses of active users with their grants (all of the tenant's when `userIds` is null). Licenses
 * without rule grants are read too: a direct license in an exclusive track decides what rules may grant.
 */
export async function loadHeld(
  db: Knex,
  tenantId: string,
  userIds: readonly string[] | null,
): Promise<HeldLicense[]> {
  const q = db({ a: 'license_assignments' })
    .join({ u: 'users' }, 'u.id', 'a.user_id')
    .leftJoin({ g: 'assignment_grants' }, 'g.assignment_id', 'a.id')
    .where({ 'a.tenant_id': tenantId, 'u.active': true })
    .whereNull('u.deleted_at')
    .whereIn('a.state', LIVE_STATES)
    .select(
      'a.id',
      'a.user_id',
      'a.product_id',
      'a.state',
      'a.replaces_id',
      'a.blocked_reasons',
      'g.kind',
      'g.rule_id',
    );
  if (userIds) q.whereRaw('a.user_id = ANY(?::uuid[])', [[...userIds]]);
  const rows: Array<{
    id: string;
    user_id: string;
    product_id: string;
    state: AssignmentState;
    replaces_id: string | null;
    blocked_reasons: string[];
    kind: GrantKind | null;
    rule_id: string | null;
  }> = await q;
  const byId = new Map<string, HeldLicense>();
  for (const r of rows) {
    let license = byId.get(r.id);
    if (!license) {
      license = {
        assignmentId: r.id,
        userId: r.user_id,
        productId: r.product_id,
        state: r.state,
        replacesId: r.replaces_id,
        blockedReasons: r.blocked_reasons,
        grants: [],
      };
      byId.set(r.id, license);
    }
    if (r.kind) license.grants.push({ kind: r.kind, ruleId: r.rule_id });
  }
  return [...byId.values()];
}

/** Requirement facts (country, numbers, emergency address) of the given users, in two statements. */
export async function loadFacts(
  db: Knex,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, UserFacts>> {
  const facts = new Map<string, UserFacts>();
  if (userIds.length === 0) return facts;
  const tenant = await db('tenants').where({ id: tenantId }).first('default_country');
  const users: Array<{
    id: string;
    active: boolean;
    country: string | null;
    emergency: boolean;
  }> = await db('users')
    .where({ tenant_id: tenantId })
    .whereRaw('id = ANY(?::uuid[])', [[...userIds]])
    .select(
      'id',
      'active',
      db.raw("profile->>'country' AS country"),
      db.raw(
        `(coalesce(profile->'emergencyAddress', 'null'::jsonb) <> 'null'::jsonb
          OR CASE WHEN jsonb_typeof(profile->'addresses') = 'array' THEN jsonb_array_length(profile->'addresses') > 0 ELSE false END) AS emergency`,
      ),
    );
  const numbers: Array<{ user_id: string; kind: NumberKind }> = await db('phone_numbers')
    .where({ tenant_id: tenantId, status: 'assigned' })
    .whereRaw('user_id = ANY(?::uuid[])', [[...userIds]])
    .distinct('user_id', 'kind');
  const assigned = new Map<string, NumberKind[]>();
  for (const n of numbers) assigned.set(n.user_id, [...(assigned.get(n.user_id) ?? []), n.kind]);
  for (const u of users) {
    // Pool numbers assigned to the user only: contact-detail phones satisfy nothing (as in user-facts.ts).
    const kinds = new Set<NumberKind>(assigned.get(u.id));
    facts.set(u.id, {
      active: u.active,
      country: String(u.country ?? tenant?.default_country ?? '').toUpperCase(),
      hasEmergencyAddress: u.emergency,
      numberKinds: kinds,
      activeTracks: new Set(),
    });
  }
  return facts;
}

/**
 * Available provider numbers of the tenant, by country and kind (what a preview's number needs are met from: the
 * numbers automatic picking may take, never reserved or ported-in ones).
 */
export async function loadPoolCounts(
  db: Knex,
  tenantId: string,
): Promise<Array<{ country: string; kind: NumberKind; available: number }>> {
  const rows: Array<{ country: string; kind: NumberKind; n: string }> = await db('phone_numbers')
    .where({ tenant_id: tenantId, status: 'available', origin: 'provider' })
    .groupBy('country', 'kind')
    .select('country', 'kind', db.raw('count(*) AS n'));
  return rows.map((r) => ({ country: r.country, kind: r.kind, available: Number(r.n) }));
}

/** userName by user id, for the users a report names. */
export async function loadUserNames(
  db: Knex,
  tenantId: string,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows: Array<{ id: string; user_name: string }> = await db('users')
    .where({ tenant_id: tenantId })
    .whereRaw('id = ANY(?::uuid[])', [[...userIds]])
    .select('id', 'user_name');
  return new Map(rows.map((r) => [r.id, r.user_name]));
}

import type { Knex } from 'knex';

/** The userName of seeded user number `n` (1-based); load generators pick from the same range. */
export const seededUserName = (n: number): string => `user${n}@example.com`;

const DEPARTMENTS = ['Sales', 'Support', 'Engineering', 'Finance', 'Marketing', 'Operations', 'Legal', 'HR'];
const COUNTRIES = ['SE', 'NO', 'DK', 'FI', 'DE', 'GB', 'US', 'NL'];

/**
 * Inserts `count` users by INSERT … SELECT generate_series: seconds instead of minutes through the API, and the
 * rows look like what the SCIM create path stores (profile JSON with name, a primary work e-mail, department and
 * country; display_name derived from the name). ANALYZE afterwards so the planner knows the table's real size.
 */
export async function seedUsers(knex: Knex, tenantId: string, count: number): Promise<void> {
  // In statements of SEED_CHUNK users, each well within the default query timeout (10 s) that the benches' own
  // containers keep: maintaining the user search's trigram index made one statement of 100k users pass it.
  for (let from = 1; from <= count; from += SEED_CHUNK)
    await insertUsers(knex, tenantId, from, Math.min(count, from + SEED_CHUNK - 1));
  await knex.raw('ANALYZE users');
}

const SEED_CHUNK = 10_000;

async function insertUsers(knex: Knex, tenantId: string, from: number, to: number): Promise<void> {
  await knex.raw(
    `INSERT INTO users (tenant_id, user_name, external_id, display_name, active, profile, source)
     SELECT :tenantId, 'user' || i || '@example.com', 'ext-' || i, 'Given' || i || ' Family' || i, true,
            jsonb_build_object(
              'name', jsonb_build_object('givenName', 'Given' || i, 'familyName', 'Family' || i,
                                         'formatted', 'Given' || i || ' Family' || i),
              'emails', jsonb_build_array(jsonb_build_object('value', 'user' || i || '@example.com',
                                                             'type', 'work', 'primary', true)),
              'department', (CAST(:departments AS text[]))[1 + i % :departmentCount],
              'country', (CAST(:countries AS text[]))[1 + i % :countryCount]),
            'scim'
     FROM generate_series(CAST(:from AS int), CAST(:to AS int)) AS i`,
    {
      tenantId,
      from,
      to,
      departments: DEPARTMENTS,
      departmentCount: DEPARTMENTS.length,
      countries: COUNTRIES,
      countryCount: COUNTRIES.length,
    },
  );
}

/** A group holding seeded users 1..memberCount, membership inserted by SQL. Returns the group id. */
export async function seedGroup(
  knex: Knex,
  tenantId: string,
  displayName: string,
  memberCount: number,
): Promise<string> {
  const [group] = await knex('groups')
    .insert({ tenant_id: tenantId, display_name: displayName, source: 'scim' })
    .returning<Array<{ id: string }>>('id');
  if (!group) throw new Error(`Could not create group ${displayName}`);
  if (memberCount > 0) {
    await knex.raw(
      `INSERT INTO group_members (group_id, user_id, tenant_id)
       SELECT :groupId, u.id, :tenantId FROM generate_series(1, CAST(:memberCount AS int)) AS i
       JOIN users u ON u.tenant_id = :tenantId AND lower(u.user_name) = lower('user' || i || '@example.com')
                   AND u.deleted_at IS NULL`,
      { groupId: group.id, tenantId, memberCount },
    );
    await knex.raw('ANALYZE group_members');
  }
  return group.id;
}

/** Ids of seeded users `from`..`to` (inclusive), in that order. */
export async function seededUserIds(
  knex: Knex,
  tenantId: string,
  from: number,
  to: number,
): Promise<string[]> {
  const result = await knex.raw<{ rows: Array<{ id: string }> }>(
    `SELECT u.id FROM generate_series(CAST(:from AS int), CAST(:to AS int)) AS i
     JOIN users u ON u.tenant_id = :tenantId AND lower(u.user_name) = lower('user' || i || '@example.com')
                 AND u.deleted_at IS NULL
     ORDER BY i`,
    { tenantId, from, to },
  );
  if (result.rows.length !== to - from + 1)
    throw new Error(`Expected ${to - from + 1} seeded users, found ${result.rows.length}`);
  return result.rows.map((r) => r.id);
}

export async function memberCount(knex: Knex, groupId: string): Promise<number> {
  const [row] = await knex('group_members')
    .where('group_id', groupId)
    .count<Array<{ count: string }>>({ count: '*' });
  return Number(row?.count ?? 0);
}

import type { Knex } from 'knex';

// What a pull connection last read from the directory: users, groups and scoped memberships, each keyed by the
// directory's object id. Delta pages land here page by page (with their link, in one transaction); a separate
// step applies the rows marked dirty to seatsync users and groups, so a user who joins a scoped group can be
// created without Graph re-sending the user. `user_id` / `group_id` link a directory object to the seatsync
// row it feeds: a link here rather than in users.external_id, which belongs to the SCIM client.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('directory_users', (t) => {
    t.uuid('connection_id').notNullable().references('directory_connections.id').onDelete('CASCADE');
    t.text('object_id').notNullable();
    t.uuid('tenant_id').notNullable();
    t.bigIncrements('seq', { primaryKey: false });
    t.jsonb('data').notNullable().defaultTo('{}');
    t.boolean('removed').notNullable().defaultTo(false);
    t.uuid('user_id').nullable().references('users.id').onDelete('SET NULL');
    t.boolean('dirty').notNullable().defaultTo(true);
    t.uuid('seen_marker').nullable();
    t.primary(['connection_id', 'object_id']);
  });
  await knex.raw('CREATE INDEX directory_users_dirty ON directory_users (connection_id, seq) WHERE dirty');
  await knex.raw(
    'CREATE UNIQUE INDEX directory_users_user_unique ON directory_users (connection_id, user_id) WHERE user_id IS NOT NULL',
  );

  await knex.schema.createTable('directory_groups', (t) => {
    t.uuid('connection_id').notNullable().references('directory_connections.id').onDelete('CASCADE');
    t.text('object_id').notNullable();
    t.uuid('tenant_id').notNullable();
    t.jsonb('data').notNullable().defaultTo('{}');
    t.boolean('removed').notNullable().defaultTo(false);
    t.uuid('group_id').nullable().references('groups.id').onDelete('SET NULL');
    t.boolean('dirty').notNullable().defaultTo(true);
    t.uuid('seen_marker').nullable();
    t.primary(['connection_id', 'object_id']);
  });
  await knex.raw('CREATE INDEX directory_groups_dirty ON directory_groups (connection_id) WHERE dirty');

  await knex.schema.createTable('directory_memberships', (t) => {
    t.uuid('connection_id').notNullable().references('directory_connections.id').onDelete('CASCADE');
    t.text('group_object_id').notNullable();
    t.text('member_object_id').notNullable();
    t.uuid('seen_marker').nullable();
    t.primary(['connection_id', 'group_object_id', 'member_object_id']);
  });
  await knex.raw(
    'CREATE INDEX directory_memberships_member ON directory_memberships (connection_id, member_object_id)',
  );

  // Matching a directory user to an existing seatsync user by e-mail: an index over the lower-cased addresses in
  // the profile, so a 100k-user first sync does not scan users once per page. fastupdate off: the pending list
  // it would keep is scanned linearly by every lookup, and a first sync inserts while it looks up.
  await knex.raw(`
    CREATE FUNCTION user_email_keys(profile jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(lower(e->>'value')), '{}')
      FROM jsonb_array_elements(CASE WHEN jsonb_typeof(profile->'emails') = 'array' THEN profile->'emails' ELSE '[]'::jsonb END) e
      WHERE jsonb_typeof(e) = 'object' AND e->>'value' IS NOT NULL
    $$`);
  await knex.raw(
    'CREATE INDEX users_email_keys ON users USING gin (user_email_keys(profile)) WITH (fastupdate = off) WHERE deleted_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX users_email_keys');
  await knex.raw('DROP FUNCTION user_email_keys(jsonb)');
  await knex.schema.dropTable('directory_memberships');
  await knex.schema.dropTable('directory_groups');
  await knex.schema.dropTable('directory_users');
}

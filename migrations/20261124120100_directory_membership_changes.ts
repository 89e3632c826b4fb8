import type { Knex } from 'knex';

// Which mirrored memberships changed since their group was last applied, so applying an incremental sync compares
// those members only instead of each changed group's whole membership. `members_stale` marks a group whose
// membership must be compared whole (never applied, linked anew, or the connection's scope changed); new rows and
// the rows that exist now start stale, so the first apply after this migration compares them whole once.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('directory_groups', (t) => {
    t.boolean('members_stale').notNullable().defaultTo(true);
  });
  await knex.schema.createTable('directory_membership_changes', (t) => {
    t.uuid('connection_id').notNullable().references('directory_connections.id').onDelete('CASCADE');
    t.text('group_object_id').notNullable();
    t.text('member_object_id').notNullable();
    t.primary(['connection_id', 'group_object_id', 'member_object_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('directory_membership_changes');
  await knex.schema.alterTable('directory_groups', (t) => {
    t.dropColumn('members_stale');
  });
}

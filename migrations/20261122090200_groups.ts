import type { Knex } from 'knex';

// Groups and membership. Groups reach 50k+ members, so membership is a table of its own (set operations in
// SQL), never a JSON array on the group.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('groups', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('display_name').notNullable();
    t.text('external_id').nullable();
    t.text('source').notNullable().checkIn(['scim', 'entra', 'admin', 'import']);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true }).nullable();
  });
  await knex.raw(
    'CREATE UNIQUE INDEX groups_display_name_unique ON groups (tenant_id, lower(display_name)) WHERE deleted_at IS NULL',
  );
  await knex.raw(
    'CREATE INDEX groups_external_id ON groups (tenant_id, external_id) WHERE deleted_at IS NULL',
  );

  await knex.schema.createTable('group_members', (t) => {
    t.uuid('group_id').notNullable().references('groups.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('tenant_id').notNullable();
    // The member's label as the identity provider sent it (`display`); the user's own name is the fallback.
    t.text('display').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['group_id', 'user_id']);
    t.index(['user_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('group_members');
  await knex.schema.dropTable('groups');
}

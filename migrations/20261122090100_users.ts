import type { Knex } from 'knex';

// Directory users. Columns hold what is looked up, indexed or unique; `profile` holds the rest of the
// directory attributes (names, e-mails, phones, enterprise and telephony fields) as one JSON document.
// A deleted user keeps its row (the audit trail and licenses refer to it) but frees its userName.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('users', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('user_name').notNullable();
    t.text('external_id').nullable();
    t.text('display_name').nullable();
    t.boolean('active').notNullable().defaultTo(true);
    t.jsonb('profile').notNullable().defaultTo('{}');
    t.text('source').notNullable().checkIn(['scim', 'entra', 'admin', 'import']);
    t.jsonb('raw').nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('deleted_at', { useTz: true }).nullable();
  });
  await knex.raw(
    'CREATE UNIQUE INDEX users_user_name_unique ON users (tenant_id, lower(user_name)) WHERE deleted_at IS NULL',
  );
  await knex.raw('CREATE INDEX users_external_id ON users (tenant_id, external_id) WHERE deleted_at IS NULL');
  await knex.raw(
    'CREATE INDEX users_tenant_created ON users (tenant_id, created_at, id) WHERE deleted_at IS NULL',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('users');
}

import type { Knex } from 'knex';

// Tenants and their API tokens: the root every other table hangs from. Tokens are stored only as SHA-256 hashes.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tenants', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.text('name').notNullable();
    t.string('default_country', 2).notNullable().defaultTo('SE');
    t.text('default_language').notNullable().defaultTo('en');
    t.integer('grace_days').notNullable().defaultTo(30);
    t.integer('mass_change_threshold').notNullable().defaultTo(50);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE UNIQUE INDEX tenants_name_unique ON tenants (lower(name))');

  await knex.schema.createTable('tokens', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('kind').notNullable().checkIn(['scim', 'admin']);
    t.text('role').nullable().checkIn(['owner', 'license_admin', 'read_only']);
    t.text('name').nullable();
    t.binary('hash').notNullable().unique();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_used_at', { useTz: true }).nullable();
    t.timestamp('revoked_at', { useTz: true }).nullable();
    t.index(['tenant_id']);
  });
  await knex.raw(
    "ALTER TABLE tokens ADD CONSTRAINT tokens_role_matches_kind CHECK ((kind = 'admin') = (role IS NOT NULL))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('tokens');
  await knex.schema.dropTable('tenants');
}

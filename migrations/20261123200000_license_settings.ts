import type { Knex } from 'knex';

// Per-tenant licensing settings. They live on the tenant row because every rule reads them with the tenant:
// how long a removed license keeps its data (grace), how long a blocked assignment keeps trying before it
// fails, and how long a released number rests before it can be handed out again.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => {
    t.integer('license_grace_days').notNullable().defaultTo(7);
    t.integer('blocked_cutoff_days').notNullable().defaultTo(30);
    t.integer('number_quarantine_days').notNullable().defaultTo(90);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tenants', (t) => {
    t.dropColumn('license_grace_days');
    t.dropColumn('blocked_cutoff_days');
    t.dropColumn('number_quarantine_days');
  });
}

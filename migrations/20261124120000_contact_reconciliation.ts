import type { Knex } from 'knex';

// Contact reconciliation of a pull connection: a periodic comparison of the directory-owned contact fields in the
// mirror with the seatsync users, fixing drift and reporting directory phone numbers the tenant does not own.
// Its own lease columns make one reconciliation per connection at a time across workers, independently of the
// sync's lease; each run and each conflict it found are kept.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('directory_connections', (t) => {
    t.text('reconcile_interval').notNullable().defaultTo('1 day');
    t.uuid('reconcile_lease_run_id').nullable();
    t.timestamp('reconcile_lease_until', { useTz: true }).nullable();
  });

  await knex.schema.createTable('directory_reconciliation_runs', (t) => {
    t.uuid('id').primary();
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('connection_id').notNullable().references('directory_connections.id').onDelete('CASCADE');
    t.text('trigger').notNullable().checkIn(['schedule', 'cli', 'api', 'test']);
    t.text('status').notNullable().checkIn(['running', 'succeeded', 'failed']);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true }).nullable();
    // Users compared, users whose contact fields were brought back to the directory's, conflicts found.
    t.integer('checked').notNullable().defaultTo(0);
    t.integer('fixed').notNullable().defaultTo(0);
    t.integer('conflicts').notNullable().defaultTo(0);
    t.text('error_code').nullable();
    t.text('error_message').nullable();
    t.index(['connection_id', 'started_at']);
  });

  await knex.schema.createTable('directory_reconciliation_conflicts', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('run_id').notNullable().references('directory_reconciliation_runs.id').onDelete('CASCADE');
    t.uuid('tenant_id').notNullable();
    t.uuid('user_id').nullable().references('users.id').onDelete('SET NULL');
    t.text('object_id').notNullable();
    // The profile attribute (phoneNumbers.work, phoneNumbers.mobile) and the number as the directory has it.
    t.text('attribute').notNullable();
    t.text('number').notNullable();
    t.text('e164').nullable();
    t.text('code').notNullable();
    t.text('message').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['run_id', 'created_at', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('directory_reconciliation_conflicts');
  await knex.schema.dropTable('directory_reconciliation_runs');
  await knex.schema.alterTable('directory_connections', (t) => {
    t.dropColumn('reconcile_lease_until');
    t.dropColumn('reconcile_lease_run_id');
    t.dropColumn('reconcile_interval');
  });
}

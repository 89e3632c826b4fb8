import type { Knex } from 'knex';

// Pull connections to a customer's directory (Entra ID) and the record of every sync run. The client secret is
// stored only encrypted (AES-256-GCM, key from SECRET_KEY); delta and resume links let a run continue where the
// last one stopped. The lease columns make one run per connection at a time across workers.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('directory_connections', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('kind').notNullable().checkIn(['entra']);
    t.text('name').notNullable();
    t.text('entra_tenant_id').notNullable();
    t.text('client_id').notNullable();
    // iv (12 bytes) | auth tag (16 bytes) | ciphertext.
    t.binary('client_secret_encrypted').notNullable();
    // Null means the public Microsoft endpoints; set for sovereign clouds or a local fake.
    t.text('authority_host').nullable();
    t.text('graph_base_url').nullable();
    t.jsonb('scoped_group_ids').notNullable().defaultTo('[]');
    t.jsonb('attribute_mapping').notNullable().defaultTo('{}');
    t.jsonb('directory_owned').nullable();
    t.text('sync_interval').notNullable().defaultTo('30 minutes');
    t.boolean('enabled').notNullable().defaultTo(true);
    t.integer('version').notNullable().defaultTo(1);
    t.text('users_delta_link').nullable();
    t.text('groups_delta_link').nullable();
    // The nextLink of an enumeration a run did not finish: the next run continues from it.
    t.text('users_resume_link').nullable();
    t.text('groups_resume_link').nullable();
    // Set while a full enumeration is in progress: objects not seen under this marker are gone.
    t.uuid('users_full_marker').nullable();
    t.uuid('groups_full_marker').nullable();
    t.uuid('lease_run_id').nullable();
    t.timestamp('lease_until', { useTz: true }).nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    'CREATE UNIQUE INDEX directory_connections_name_unique ON directory_connections (tenant_id, lower(name))',
  );

  await knex.schema.createTable('directory_sync_runs', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('connection_id').notNullable().references('directory_connections.id').onDelete('CASCADE');
    t.text('trigger').notNullable().checkIn(['schedule', 'cli', 'api', 'test']);
    t.text('mode').notNullable().checkIn(['full', 'incremental']);
    t.text('status')
      .notNullable()
      .checkIn(['running', 'succeeded', 'failed', 'held', 'approved', 'rejected']);
    t.timestamp('started_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('finished_at', { useTz: true }).nullable();
    t.integer('pages').notNullable().defaultTo(0);
    t.integer('created').notNullable().defaultTo(0);
    t.integer('updated').notNullable().defaultTo(0);
    t.integer('suspended').notNullable().defaultTo(0);
    t.integer('reactivated').notNullable().defaultTo(0);
    t.integer('groups').notNullable().defaultTo(0);
    t.integer('memberships_added').notNullable().defaultTo(0);
    t.integer('memberships_removed').notNullable().defaultTo(0);
    // Seatsync user ids a held run would suspend; applied only when an admin approves.
    t.jsonb('planned_suspensions').nullable();
    // Per-object problems that did not stop the run (a userName taken by another user, …), capped.
    t.jsonb('problems').notNullable().defaultTo('[]');
    t.text('error_code').nullable();
    t.text('error_message').nullable();
    t.text('decided_by').nullable();
    t.timestamp('decided_at', { useTz: true }).nullable();
    t.index(['connection_id', 'started_at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('directory_sync_runs');
  await knex.schema.dropTable('directory_connections');
}

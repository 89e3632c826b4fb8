import type { Knex } from 'knex';

// File imports of users, licenses and numbers: the uploaded rows with their dry-run plan, applied by a job in
// batches (each row's status is written in its batch's transaction, so a worker that dies leaves its rows pending
// for the next). Events carry the import they came from, so the audit log names the import and its admin.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('imports', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    // The admin tokens that uploaded the file and that asked for it to be applied: the applied changes are theirs.
    t.text('created_by').notNullable();
    t.text('applied_by').nullable();
    t.text('file_name').nullable();
    t.text('format').notNullable().checkIn(['csv', 'xlsx']);
    t.boolean('strict').notNullable().defaultTo(false);
    t.text('status').notNullable().checkIn(['validated', 'applying', 'completed']);
    t.integer('total_rows').notNullable();
    t.integer('invalid_rows').notNullable();
    t.integer('rows_done').notNullable().defaultTo(0);
    t.integer('rows_failed').notNullable().defaultTo(0);
    t.jsonb('summary').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('apply_requested_at', { useTz: true }).nullable();
    t.timestamp('completed_at', { useTz: true }).nullable();
    t.index(['tenant_id', 'created_at']);
  });
  await knex.schema.createTable('import_rows', (t) => {
    t.uuid('import_id').notNullable().references('imports.id').onDelete('CASCADE');
    t.uuid('tenant_id').notNullable();
    // The row's line in the file (CSV) or its row number (XLSX), as the admin sees it.
    t.integer('line').notNullable();
    t.text('email').nullable();
    // The validated row (null when it did not validate) and what the dry run (then the apply) decided.
    t.jsonb('input').nullable();
    t.jsonb('outcome').notNullable();
    t.text('status').notNullable().checkIn(['invalid', 'pending', 'applied', 'failed']);
    t.primary(['import_id', 'line']);
  });
  // The job's queue: pending rows of imports being applied.
  await knex.raw(
    `CREATE INDEX import_rows_pending ON import_rows (import_id, line) WHERE status = 'pending'`,
  );
  await knex.schema.alterTable('events', (t) => {
    t.uuid('import_id').nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('events', (t) => {
    t.dropColumn('import_id');
  });
  await knex.schema.dropTable('import_rows');
  await knex.schema.dropTable('imports');
}

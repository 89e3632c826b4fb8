import type { Knex } from 'knex';

// License assignments: one row per (user, product) carrying the state machine of DESIGN.md, and their grants
// (why the assignment exists). A re-assignment after removal reuses the row, so its history stays in one place.
// The partial indexes serve the jobs: due scheduled rows, blocked rows to re-check, removals to advance.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('license_assignments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('product_id').notNullable().references('catalog_products.id').onDelete('RESTRICT');
    t.text('state')
      .notNullable()
      .checkIn([
        'scheduled',
        'active',
        'blocked',
        'failed',
        'removal_scheduled',
        'grace',
        'removed',
        'cancelled',
      ]);
    t.timestamp('effective_at', { useTz: true }).notNullable();
    t.jsonb('blocked_reasons').notNullable().defaultTo('[]');
    t.timestamp('blocked_since', { useTz: true }).nullable();
    // When the re-check sweep last looked at a blocked row: one sweep visits each row once.
    t.timestamp('checked_at', { useTz: true }).nullable();
    // The exclusive-track license this one replaces, swapped atomically at activation.
    t.uuid('replaces_id').nullable().references('license_assignments.id').onDelete('SET NULL');
    t.timestamp('activated_at', { useTz: true }).nullable();
    t.timestamp('removal_at', { useTz: true }).nullable();
    t.timestamp('grace_ends_at', { useTz: true }).nullable();
    t.text('removal_cause').nullable().checkIn(['admin', 'suspension', 'swap', 'grants_revoked']);
    t.timestamp('ended_at', { useTz: true }).nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['tenant_id', 'user_id', 'product_id']);
  });
  await knex.raw(
    "CREATE INDEX license_assignments_due ON license_assignments (effective_at, created_at) WHERE state = 'scheduled'",
  );
  await knex.raw(
    "CREATE INDEX license_assignments_blocked ON license_assignments (tenant_id, product_id, effective_at, created_at) WHERE state = 'blocked'",
  );
  await knex.raw(
    "CREATE INDEX license_assignments_removal ON license_assignments (removal_at) WHERE state = 'removal_scheduled'",
  );
  await knex.raw(
    "CREATE INDEX license_assignments_grace ON license_assignments (grace_ends_at) WHERE state = 'grace'",
  );
  await knex.raw(
    'CREATE INDEX license_assignments_product_state ON license_assignments (tenant_id, product_id, state)',
  );
  await knex.raw('CREATE INDEX license_assignments_user ON license_assignments (tenant_id, user_id)');

  await knex.schema.createTable('assignment_grants', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('tenant_id').notNullable();
    t.uuid('assignment_id').notNullable().references('license_assignments.id').onDelete('CASCADE');
    t.text('kind').notNullable().checkIn(['direct', 'rule', 'import']);
    // The rule that granted it; no foreign key yet because rules arrive with their own issue.
    t.uuid('rule_id').nullable();
    t.text('granted_by').nullable();
    t.timestamp('granted_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(
    "CREATE UNIQUE INDEX assignment_grants_unique ON assignment_grants (assignment_id, kind, coalesce(rule_id, '00000000-0000-0000-0000-000000000000'::uuid))",
  );
  await knex.raw(
    "ALTER TABLE assignment_grants ADD CONSTRAINT assignment_grants_rule_id CHECK ((kind = 'rule') = (rule_id IS NOT NULL))",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('assignment_grants');
  await knex.schema.dropTable('license_assignments');
}

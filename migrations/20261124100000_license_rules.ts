import type { Knex } from 'knex';

// Group-to-license rules and what their evaluation keeps:
// - license_rules: the rules admins edit (draft → active → retired). A rule whose group is deleted stays and
//   matches nobody (group_id set null), so its grants are revoked through the usual mass-change protection.
// - rule_evaluation_queue: users whose evaluation is owed, written in the transaction of the change that made
//   it owed (a large membership change, a rule change): a crash loses no evaluation.
// - rule_reconcile_requests: tenants owed a full recompute (a rule changed); the job plans the whole tenant
//   first so the mass-change threshold sees the whole change, then queues its users.
// - rule_holds / rule_hold_items: license removals held for an admin's approval (pending), or refused by one
//   (rejected: not proposed again while the grant stays unwanted).
// - rule_conflicts: what the last evaluation of each user could not honour (lost priority, unmet requirement…).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('license_rules', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('name').notNullable();
    t.uuid('group_id').nullable().references('groups.id').onDelete('SET NULL');
    t.text('filter').nullable();
    t.uuid('product_id').notNullable().references('catalog_products.id').onDelete('RESTRICT');
    t.integer('priority').notNullable().defaultTo(100);
    t.jsonb('activation')
      .notNullable()
      .defaultTo(JSON.stringify({ kind: 'now' }));
    t.integer('removal_grace_days').nullable();
    t.boolean('pick_numbers').notNullable().defaultTo(false);
    t.text('status').notNullable().defaultTo('draft').checkIn(['draft', 'active', 'retired']);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE UNIQUE INDEX license_rules_name_unique ON license_rules (tenant_id, lower(name))');
  await knex.raw(
    "CREATE INDEX license_rules_active_group ON license_rules (tenant_id, group_id) WHERE status = 'active'",
  );
  await knex.raw(
    'ALTER TABLE assignment_grants ADD CONSTRAINT assignment_grants_rule FOREIGN KEY (rule_id) REFERENCES license_rules (id) ON DELETE RESTRICT',
  );
  await knex.raw("CREATE INDEX assignment_grants_rule_id ON assignment_grants (rule_id) WHERE kind = 'rule'");

  await knex.schema.createTable('rule_evaluation_queue', (t) => {
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.timestamp('queued_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.primary(['tenant_id', 'user_id']);
  });
  await knex.raw('CREATE INDEX rule_evaluation_queue_order ON rule_evaluation_queue (queued_at)');

  await knex.schema.createTable('rule_reconcile_requests', (t) => {
    t.uuid('tenant_id').primary().references('tenants.id').onDelete('CASCADE');
    t.timestamp('requested_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('requested_by').nullable();
  });

  await knex.schema.createTable('rule_holds', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'approved', 'rejected']);
    t.text('cause').notNullable();
    t.integer('threshold').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('decided_at', { useTz: true }).nullable();
    t.text('decided_by').nullable();
  });
  // At most one pending hold per tenant: later removals join it, so the admin decides on one list.
  await knex.raw(
    "CREATE UNIQUE INDEX rule_holds_one_pending ON rule_holds (tenant_id) WHERE status = 'pending'",
  );

  await knex.schema.createTable('rule_hold_items', (t) => {
    t.uuid('hold_id').notNullable().references('rule_holds.id').onDelete('CASCADE');
    t.uuid('tenant_id').notNullable();
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('rule_id').notNullable().references('license_rules.id').onDelete('CASCADE');
    t.uuid('product_id').notNullable();
    t.primary(['hold_id', 'user_id', 'rule_id']);
  });
  await knex.raw('CREATE INDEX rule_hold_items_user ON rule_hold_items (tenant_id, user_id)');

  await knex.schema.createTable('rule_conflicts', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('user_id').notNullable().references('users.id').onDelete('CASCADE');
    t.uuid('rule_id').nullable().references('license_rules.id').onDelete('CASCADE');
    t.uuid('product_id').nullable();
    t.text('kind').notNullable();
    t.text('message').notNullable();
    t.jsonb('details').nullable();
    t.timestamp('detected_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw('CREATE INDEX rule_conflicts_user ON rule_conflicts (tenant_id, user_id)');
  await knex.raw('CREATE INDEX rule_conflicts_page ON rule_conflicts (tenant_id, id)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('rule_conflicts');
  await knex.schema.dropTable('rule_hold_items');
  await knex.schema.dropTable('rule_holds');
  await knex.schema.dropTable('rule_reconcile_requests');
  await knex.schema.dropTable('rule_evaluation_queue');
  await knex.raw('ALTER TABLE assignment_grants DROP CONSTRAINT assignment_grants_rule');
  await knex.raw('DROP INDEX assignment_grants_rule_id');
  await knex.schema.dropTable('license_rules');
}

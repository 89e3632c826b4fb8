import type { Knex } from 'knex';

// Seat purchases and the per-product inventory row. `seat_inventory` is the lock every seat-taking transaction
// takes (SELECT … FOR UPDATE) and carries `held`, the number of assignments holding a seat (active,
// removal_scheduled, grace), maintained under that lock so taking a seat is O(1) however many are held.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('subscriptions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('product_id').notNullable().references('catalog_products.id').onDelete('RESTRICT');
    t.integer('quantity').notNullable();
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.integer('binding_months').notNullable();
    t.timestamp('binding_ends_at', { useTz: true }).notNullable();
    // Null: renews after the binding period. Set by a cancellation, never earlier than binding_ends_at.
    t.timestamp('ends_at', { useTz: true }).nullable();
    t.text('terms_accepted_by').notNullable();
    t.timestamp('terms_accepted_at', { useTz: true }).notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id', 'product_id']);
  });
  await knex.raw(
    'ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_quantity_positive CHECK (quantity > 0)',
  );
  await knex.raw(
    'ALTER TABLE subscriptions ADD CONSTRAINT subscriptions_binding_months CHECK (binding_months >= 0)',
  );

  await knex.schema.createTable('seat_inventory', (t) => {
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('product_id').notNullable().references('catalog_products.id').onDelete('CASCADE');
    t.integer('held').notNullable().defaultTo(0);
    t.primary(['tenant_id', 'product_id']);
  });
  await knex.raw(
    'ALTER TABLE seat_inventory ADD CONSTRAINT seat_inventory_held_non_negative CHECK (held >= 0)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('seat_inventory');
  await knex.schema.dropTable('subscriptions');
}

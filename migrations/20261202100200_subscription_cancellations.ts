import type { Knex } from 'knex';

// Partial cancellations of a seat purchase: `quantity` seats leave the purchase on `effective_at` (the end of its
// binding period, or the request when that is over); the rest of the purchase stays. Seats purchased on a date
// are the purchases running then minus their cancellations effective by then.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('subscription_cancellations', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('subscription_id').notNullable().references('subscriptions.id').onDelete('CASCADE');
    t.integer('quantity').notNullable();
    t.timestamp('effective_at', { useTz: true }).notNullable();
    t.text('confirmed_by').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['subscription_id']);
  });
  await knex.raw(
    'ALTER TABLE subscription_cancellations ADD CONSTRAINT subscription_cancellations_quantity CHECK (quantity > 0)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('subscription_cancellations');
}

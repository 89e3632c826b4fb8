import type { Knex } from 'knex';

// The append-only event log (transactional outbox): written in the transaction of the change it records.
// It is the audit trail and, later, the feed for webhooks; rows are never updated or deleted by the service.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('events', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.timestamp('occurred_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.text('actor_type').notNullable();
    t.text('actor_id').nullable();
    t.text('action').notNullable();
    t.text('entity_type').notNullable();
    t.uuid('entity_id').nullable();
    t.jsonb('before').nullable();
    t.jsonb('after').nullable();
    t.index(['tenant_id', 'entity_type', 'entity_id', 'id']);
    t.index(['tenant_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('events');
}

import type { Knex } from 'knex';

// /metrics counts the messages given up on per channel at every scrape: this keeps that count off the delivered
// rows, which are nearly all of the outbox. Pending ones already have their index (outbox_pending).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX outbox_failed ON outbox (channel) WHERE status = 'failed'`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS outbox_failed');
}

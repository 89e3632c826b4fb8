import type { Knex } from 'knex';

// Delivered and failed outbox messages are purged with their attempt log after OUTBOX_RETENTION_DAYS. settled_at
// is when a message was delivered or given up on (a replay clears it); the purge walks its index oldest first.
// Onboarding e-mails are not purged (they are the user's onboarding state), so the index leaves them out.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('outbox', (t) => {
    t.timestamp('settled_at', { useTz: true }).nullable();
  });
  // Rows settled before this column existed: delivered when delivered, failed when their last attempt was due.
  await knex.raw(
    `UPDATE outbox SET settled_at = coalesce(delivered_at, next_attempt_at) WHERE status <> 'pending'`,
  );
  await knex.raw(
    "CREATE INDEX outbox_settled ON outbox (settled_at, id) WHERE settled_at IS NOT NULL AND type <> 'onboarding'",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS outbox_settled');
  await knex.schema.alterTable('outbox', (t) => {
    t.dropColumn('settled_at');
  });
}

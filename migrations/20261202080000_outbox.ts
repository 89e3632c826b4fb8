import type { Knex } from 'knex';

// Messages out: webhook endpoints per tenant, the tenant's notification settings, and the one outbox every
// message leaves through (webhook deliveries and e-mails), written in the transaction of the change it reports.
// A row is claimed by a lease (lease_until), not by a transaction held open over the network, so a worker that
// dies mid-send leaves a row another worker takes once the lease expires. Each attempt is logged.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('webhook_endpoints', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('url').notNullable();
    t.text('description').nullable();
    t.specificType('event_types', 'text[]').notNullable();
    t.boolean('enabled').notNullable().defaultTo(true);
    // Signing secrets, encrypted with SECRET_KEY. After a rotation the previous one keeps signing too until
    // previous_secret_expires_at, so receivers can switch without losing a message.
    t.binary('secret').notNullable();
    t.binary('previous_secret').nullable();
    t.timestamp('previous_secret_expires_at', { useTz: true }).nullable();
    // Failed attempts since the last success; at the limit the endpoint is disabled.
    t.integer('consecutive_failures').notNullable().defaultTo(0);
    t.text('disabled_reason').nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id']);
  });

  await knex.schema.createTable('notification_settings', (t) => {
    t.uuid('tenant_id').primary().references('tenants.id').onDelete('CASCADE');
    // Where admin alerts go: the owners' addresses and a shared notification address.
    t.specificType('alert_recipients', 'text[]').notNullable().defaultTo('{}');
    // Alert when a product's free seats fall to this many or fewer; null: no seat alerts.
    t.integer('seats_low_threshold').nullable();
    // How long alerts about one cause collect into one e-mail before it is sent.
    t.integer('alert_group_seconds').notNullable().defaultTo(300);
    // Where new users sign in; the onboarding e-mail links to it.
    t.text('sign_in_url').nullable();
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });

  await knex.schema.createTable('outbox', (t) => {
    t.bigIncrements('id').primary();
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('channel').notNullable().checkIn(['webhook', 'email']);
    t.uuid('endpoint_id').nullable().references('webhook_endpoints.id').onDelete('CASCADE');
    // `email`, or the endpoint's id: what the ordering key is ordered within.
    t.text('destination').notNullable();
    t.bigInteger('event_id').nullable();
    // The message type: an event type for webhooks, `onboarding` or `alert.<cause>` for e-mail.
    t.text('type').notNullable();
    // Messages with the same destination and ordering key are delivered one after another, in id order.
    t.text('ordering_key').notNullable().defaultTo(knex.raw('gen_random_uuid()::text'));
    // Alerts about one cause collect into one message while it waits for its first attempt.
    t.text('group_key').nullable();
    t.uuid('user_id').nullable();
    t.jsonb('payload').notNullable();
    t.text('status').notNullable().defaultTo('pending').checkIn(['pending', 'delivered', 'failed']);
    t.integer('attempts').notNullable().defaultTo(0);
    t.timestamp('next_attempt_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('lease_until', { useTz: true }).nullable();
    t.text('lease_owner').nullable();
    t.text('last_error').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('delivered_at', { useTz: true }).nullable();
  });
  // The claim: pending rows in id order, and the head-of-line check per destination and key.
  await knex.raw(`CREATE INDEX outbox_pending ON outbox (id) WHERE status = 'pending'`);
  await knex.raw(
    `CREATE INDEX outbox_pending_key ON outbox (destination, ordering_key, id) WHERE status = 'pending'`,
  );
  // One webhook message per event and endpoint: a replay resets it instead of adding a second.
  await knex.raw(`CREATE UNIQUE INDEX outbox_event_endpoint ON outbox (endpoint_id, event_id)`);
  // At most one collecting (not yet attempted) alert per cause and tenant.
  await knex.raw(
    `CREATE UNIQUE INDEX outbox_collecting_alert ON outbox (tenant_id, group_key)
     WHERE group_key IS NOT NULL AND status = 'pending' AND attempts = 0 AND lease_until IS NULL`,
  );
  await knex.raw(`CREATE INDEX outbox_user ON outbox (tenant_id, user_id, id) WHERE user_id IS NOT NULL`);
  await knex.raw(`CREATE INDEX outbox_endpoint ON outbox (endpoint_id, id) WHERE endpoint_id IS NOT NULL`);

  await knex.schema.createTable('outbox_attempts', (t) => {
    t.bigIncrements('id').primary();
    t.bigInteger('message_id').notNullable().references('outbox.id').onDelete('CASCADE');
    t.uuid('tenant_id').notNullable();
    t.integer('attempt').notNullable();
    t.timestamp('started_at', { useTz: true }).notNullable();
    t.integer('duration_ms').notNullable();
    t.text('outcome').notNullable().checkIn(['delivered', 'retry', 'failed']);
    t.integer('status_code').nullable();
    t.text('error').nullable();
    t.text('worker').notNullable();
    t.index(['message_id', 'id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('outbox_attempts');
  await knex.schema.dropTable('outbox');
  await knex.schema.dropTable('notification_settings');
  await knex.schema.dropTable('webhook_endpoints');
}

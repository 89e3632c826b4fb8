import type { Knex } from 'knex';

// Phone numbers. `number_ranges` is the provider's stock (operator data shared by all tenants, so a number
// is handed to one tenant only: `phone_numbers.e164` is globally unique); `phone_numbers` is each tenant's
// pool; `port_orders` are port-in requests from other operators, whose number waits in status `porting`.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('number_ranges', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.string('country', 2).notNullable();
    t.text('kind').notNullable().checkIn(['fixed', 'mobile']);
    // Digits of the E.164 number without '+', so a range is a numeric interval and a cursor walks it.
    t.bigInteger('first_number').notNullable();
    t.bigInteger('last_number').notNullable();
    t.bigInteger('next_number').notNullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['country', 'kind']);
  });
  await knex.raw(
    'ALTER TABLE number_ranges ADD CONSTRAINT number_ranges_interval CHECK (first_number <= last_number AND next_number >= first_number)',
  );
  // Fictional demo ranges, so a fresh install can acquire numbers; operators add their real ones.
  await knex('number_ranges').insert([
    {
      country: 'SE',
      kind: 'fixed',
      first_number: 46812000000,
      last_number: 46812099999,
      next_number: 46812000000,
    },
    {
      country: 'SE',
      kind: 'mobile',
      first_number: 46701200000,
      last_number: 46701299999,
      next_number: 46701200000,
    },
    {
      country: 'US',
      kind: 'fixed',
      first_number: 12025550000,
      last_number: 12025559999,
      next_number: 12025550000,
    },
    {
      country: 'US',
      kind: 'mobile',
      first_number: 12025560000,
      last_number: 12025569999,
      next_number: 12025560000,
    },
  ]);

  await knex.schema.createTable('phone_numbers', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('e164').notNullable().unique();
    t.text('kind').notNullable().checkIn(['fixed', 'mobile']);
    t.string('country', 2).notNullable();
    t.text('status').notNullable().checkIn(['available', 'reserved', 'assigned', 'porting', 'quarantine']);
    t.text('origin').notNullable().checkIn(['provider', 'port_in']);
    t.uuid('user_id').nullable().references('users.id').onDelete('SET NULL');
    t.timestamp('quarantine_until', { useTz: true }).nullable();
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id', 'status', 'kind', 'country']);
    t.index(['tenant_id', 'user_id']);
  });
  await knex.raw(
    "ALTER TABLE phone_numbers ADD CONSTRAINT phone_numbers_assigned_user CHECK ((status = 'assigned') = (user_id IS NOT NULL))",
  );
  await knex.raw(
    "CREATE INDEX phone_numbers_quarantine ON phone_numbers (quarantine_until) WHERE status = 'quarantine'",
  );

  await knex.schema.createTable('port_orders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('e164').notNullable();
    t.text('kind').notNullable().checkIn(['fixed', 'mobile']);
    t.string('country', 2).notNullable();
    t.text('losing_operator').notNullable();
    t.text('state').notNullable().checkIn(['submitted', 'confirmed', 'completed', 'rejected', 'cancelled']);
    t.timestamp('port_at', { useTz: true }).nullable();
    t.text('reject_reason').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['tenant_id', 'state']);
  });
  await knex.raw("CREATE INDEX port_orders_due ON port_orders (port_at) WHERE state = 'confirmed'");
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('port_orders');
  await knex.schema.dropTable('phone_numbers');
  await knex.schema.dropTable('number_ranges');
}

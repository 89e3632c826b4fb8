import type { Knex } from 'knex';

// Console sign-in: a server-side session per browser, found by the SHA-256 hash of the cookie's secret (the
// secret itself is never stored). A session is opened by a sign-in method for a principal: today an admin token
// (`token_id`, whose role and revocation the session follows); a directory sign-in adds its own method and
// subject without changing how sessions are checked. Ended sessions stay for the audit trail until purged.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('admin_sessions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.binary('secret_hash').notNullable();
    t.text('csrf_token').notNullable();
    t.text('method').notNullable();
    t.uuid('token_id').nullable().references('tokens.id').onDelete('CASCADE');
    t.text('subject').nullable();
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('last_seen_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('idle_expires_at', { useTz: true }).notNullable();
    t.timestamp('absolute_expires_at', { useTz: true }).notNullable();
    t.timestamp('ended_at', { useTz: true }).nullable();
    t.text('end_reason').nullable();
    t.index(['tenant_id', 'created_at']);
  });
  // Looked up by the secret alone: the cookie is what names the tenant, as a bearer token does.
  await knex.raw('CREATE UNIQUE INDEX admin_sessions_secret_hash ON admin_sessions (secret_hash)');
  await knex.raw(
    "ALTER TABLE admin_sessions ADD CONSTRAINT admin_sessions_method CHECK (method = 'admin_token' AND token_id IS NOT NULL)",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('admin_sessions');
}

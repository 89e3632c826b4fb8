import type { Knex } from 'knex';

// Admin alerts go to the tenant's owners: an owner token may carry the contact e-mail of the person holding it.
// Only owner tokens have one (alerts go to owners only, so an address on another role would never be used).
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tokens', (t) => {
    t.text('email').nullable();
  });
  await knex.raw(
    "ALTER TABLE tokens ADD CONSTRAINT tokens_email_owner_only CHECK (email IS NULL OR role = 'owner')",
  );
}

export async function down(knex: Knex): Promise<void> {
  // Dropping the column drops its check with it.
  await knex.schema.alterTable('tokens', (t) => {
    t.dropColumn('email');
  });
}

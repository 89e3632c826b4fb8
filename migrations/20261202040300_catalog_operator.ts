import type { Knex } from 'knex';

// The catalog belongs to the provider: tenant roles read it, and an `operator` admin token (issued only by the
// operator CLI) edits it. A product can be retired once nothing uses it; a retired product is kept (the
// history of its assignments names it) but is no longer sold.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE tokens DROP CONSTRAINT tokens_role_check');
  await knex.raw(
    "ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('owner', 'license_admin', 'read_only', 'operator'))",
  );
  await knex.schema.alterTable('catalog_products', (t) => {
    t.timestamp('retired_at', { useTz: true }).nullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('catalog_products', (t) => {
    t.dropColumn('retired_at');
  });
  await knex.raw("DELETE FROM tokens WHERE role = 'operator'");
  await knex.raw('ALTER TABLE tokens DROP CONSTRAINT tokens_role_check');
  await knex.raw(
    "ALTER TABLE tokens ADD CONSTRAINT tokens_role_check CHECK (role IN ('owner', 'license_admin', 'read_only'))",
  );
}

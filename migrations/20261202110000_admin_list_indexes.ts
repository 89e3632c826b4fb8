import type { Knex } from 'knex';

// The admin lists' filtered orders, each one index range read in order (measured by `npm run bench:lists`):
// assignments of one product (and state) by effective date, and the number pool (or its numbers in one status)
// in number order. The product and state index grows to carry the list's order; its old prefix serves nothing
// the new one does not.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX license_assignments_product_list ON license_assignments (tenant_id, product_id, effective_at, id)',
  );
  await knex.raw(
    'CREATE INDEX license_assignments_product_state_list ON license_assignments (tenant_id, product_id, state, effective_at, id)',
  );
  await knex.raw('DROP INDEX IF EXISTS license_assignments_product_state');
  await knex.raw('CREATE INDEX phone_numbers_list ON phone_numbers (tenant_id, e164)');
  await knex.raw('CREATE INDEX phone_numbers_status_list ON phone_numbers (tenant_id, status, e164)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS phone_numbers_status_list');
  await knex.raw('DROP INDEX IF EXISTS phone_numbers_list');
  await knex.raw(
    'CREATE INDEX license_assignments_product_state ON license_assignments (tenant_id, product_id, state)',
  );
  await knex.raw('DROP INDEX IF EXISTS license_assignments_product_state_list');
  await knex.raw('DROP INDEX IF EXISTS license_assignments_product_list');
}

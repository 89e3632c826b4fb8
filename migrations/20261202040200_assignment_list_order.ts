import type { Knex } from 'knex';

// The admin API lists a tenant's assignments by effective date (scheduled ones in the order they are due), then
// id: one index serves every page of that order, and of one state in it.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'CREATE INDEX license_assignments_list ON license_assignments (tenant_id, effective_at, id)',
  );
  await knex.raw(
    'CREATE INDEX license_assignments_state_list ON license_assignments (tenant_id, state, effective_at, id)',
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS license_assignments_state_list');
  await knex.raw('DROP INDEX IF EXISTS license_assignments_list');
}

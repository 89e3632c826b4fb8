import type { Knex } from 'knex';

// The console filters a tenant's users by department and by country, paged in creation order: one index each
// serves every page of one value (compared case-insensitively, as an admin types it).
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    "CREATE INDEX users_department_list ON users (tenant_id, lower(profile->>'department'), created_at, id) WHERE deleted_at IS NULL",
  );
  await knex.raw(
    "CREATE INDEX users_country_list ON users (tenant_id, upper(profile->>'country'), created_at, id) WHERE deleted_at IS NULL",
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS users_country_list');
  await knex.raw('DROP INDEX IF EXISTS users_department_list');
}

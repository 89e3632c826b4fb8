import type { Knex } from 'knex';

// Assigning a product again after its license was cancelled or removed starts a new assignment, so the ended one
// keeps its own history: one live (not cancelled, not removed) assignment per (user, product), any number of
// ended ones.
export async function up(knex: Knex): Promise<void> {
  await knex.raw(
    'ALTER TABLE license_assignments DROP CONSTRAINT license_assignments_tenant_id_user_id_product_id_unique',
  );
  await knex.raw(
    `CREATE UNIQUE INDEX license_assignments_live_unique ON license_assignments (tenant_id, user_id, product_id)
     WHERE state NOT IN ('cancelled', 'removed')`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS license_assignments_live_unique');
  await knex.raw(
    `DELETE FROM license_assignments a USING license_assignments b
     WHERE a.tenant_id = b.tenant_id AND a.user_id = b.user_id AND a.product_id = b.product_id
       AND a.state IN ('cancelled', 'removed') AND (a.created_at, a.id) < (b.created_at, b.id)`,
  );
  await knex.raw(
    'ALTER TABLE license_assignments ADD CONSTRAINT license_assignments_tenant_id_user_id_product_id_unique UNIQUE (tenant_id, user_id, product_id)',
  );
}

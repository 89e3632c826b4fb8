import type { Knex } from 'knex';

// A license can end because a license it requires ended (Unlimited 5G when the user's Voice license goes): its
// removal says so, so the admin sees why and it can be restored when the requirement is met again.
const CAUSES = ['admin', 'suspension', 'swap', 'grants_revoked', 'requirement_lost'];

export async function up(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE license_assignments DROP CONSTRAINT license_assignments_removal_cause_check');
  // DDL takes no bind parameters: the causes are constants of this file.
  await knex.raw(
    `ALTER TABLE license_assignments ADD CONSTRAINT license_assignments_removal_cause_check CHECK (removal_cause IN (${CAUSES.map((c) => `'${c}'`).join(', ')}))`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE license_assignments DROP CONSTRAINT license_assignments_removal_cause_check');
  await knex.raw(
    "ALTER TABLE license_assignments ADD CONSTRAINT license_assignments_removal_cause_check CHECK (removal_cause IN ('admin', 'suspension', 'swap', 'grants_revoked'))",
  );
}

import type { Knex } from 'knex';

// Every serving process asks once a second which tokens were revoked recently (token-verifier.ts): an index
// over the few revoked tokens keeps that check an index range whatever the number of tokens.
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE INDEX tokens_revoked_at ON tokens (revoked_at) WHERE revoked_at IS NOT NULL');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS tokens_revoked_at');
}

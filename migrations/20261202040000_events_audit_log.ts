import type { Knex } from 'knex';

// The audit log reads events by the user they concern, by actor and by action, newest first. `user_id` names
// the user an event is about (the user itself, or the user of the assignment or number), so "everything that
// happened to this user" is one index range instead of a scan of every event's JSON.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('events', (t) => {
    t.uuid('user_id').nullable();
  });
  await knex.raw(`
    UPDATE events SET user_id = CASE
      WHEN entity_type = 'user' THEN entity_id
      WHEN coalesce(after->>'userId', before->>'userId') ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        THEN coalesce(after->>'userId', before->>'userId')::uuid
    END`);
  await knex.raw('CREATE INDEX events_user ON events (tenant_id, user_id, id) WHERE user_id IS NOT NULL');
  await knex.raw('CREATE INDEX events_actor ON events (tenant_id, actor_type, actor_id, id)');
  await knex.raw('CREATE INDEX events_action ON events (tenant_id, action, id)');
  await knex.raw('CREATE INDEX events_occurred ON events (tenant_id, occurred_at)');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX IF EXISTS events_occurred');
  await knex.raw('DROP INDEX IF EXISTS events_action');
  await knex.raw('DROP INDEX IF EXISTS events_actor');
  await knex.raw('DROP INDEX IF EXISTS events_user');
  await knex.schema.alterTable('events', (t) => {
    t.dropColumn('user_id');
  });
}

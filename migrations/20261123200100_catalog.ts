import type { Knex } from 'knex';

// The product catalog of a tenant: tracks (exclusive or add-on) and products (license types) with what they
// include and their requirements. Requirements are a JSON list validated by the catalog service's zod schema;
// products are looked up by a stable key (`basic`) as well as by id.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('catalog_tracks', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.text('key').notNullable();
    t.text('name').notNullable();
    t.boolean('exclusive').notNullable();
    t.integer('position').notNullable().defaultTo(0);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['tenant_id', 'key']);
  });
  await knex.schema.createTable('catalog_products', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('tenant_id').notNullable().references('tenants.id').onDelete('CASCADE');
    t.uuid('track_id').notNullable().references('catalog_tracks.id').onDelete('RESTRICT');
    t.text('key').notNullable();
    t.text('name').notNullable();
    t.jsonb('includes').notNullable().defaultTo('[]');
    t.jsonb('requirements').notNullable().defaultTo('[]');
    t.boolean('sellable').notNullable().defaultTo(true);
    t.integer('position').notNullable().defaultTo(0);
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['tenant_id', 'key']);
    t.index(['track_id']);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('catalog_products');
  await knex.schema.dropTable('catalog_tracks');
}

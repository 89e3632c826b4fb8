import type { Knex } from 'knex';

// A product's monthly list price per seat, in minor units of its currency (öre, cent), for the comparison, the
// order summary and the inventory's monthly cost. Null: no list price (priced on request). The default
// catalog's products get the provider's list prices.
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('catalog_products', (t) => {
    t.integer('monthly_price_minor').nullable();
    t.specificType('currency', 'char(3)').nullable();
  });
  await knex.raw(
    `ALTER TABLE catalog_products ADD CONSTRAINT catalog_products_price
     CHECK ((monthly_price_minor IS NULL) = (currency IS NULL) AND coalesce(monthly_price_minor, 0) >= 0)`,
  );
  await knex.raw(
    `UPDATE catalog_products p SET monthly_price_minor = v.price, currency = 'SEK'
     FROM (VALUES ('basic', 14900), ('business-mobile', 34900), ('unlimited-5g', 24900), ('cc-pro', 19900))
       AS v(key, price)
     WHERE p.key = v.key`,
  );
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('ALTER TABLE catalog_products DROP CONSTRAINT IF EXISTS catalog_products_price');
  await knex.schema.alterTable('catalog_products', (t) => {
    t.dropColumn('monthly_price_minor');
    t.dropColumn('currency');
  });
}

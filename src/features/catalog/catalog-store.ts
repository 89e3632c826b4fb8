import type { Knex } from 'knex';
import { isUuid } from '../../lib/uuid.js';
import type { Price, Product, ProductChange, Requirement, Track } from './catalog.js';

interface TrackRow {
  id: string;
  tenant_id: string;
  key: string;
  name: string;
  exclusive: boolean;
  position: number;
}

interface ProductRow {
  id: string;
  tenant_id: string;
  track_id: string;
  track_key: string;
  key: string;
  name: string;
  includes: string[];
  requirements: Requirement[];
  track_names: Record<string, string> | null;
  sellable: boolean;
  monthly_price_minor: number | null;
  currency: string | null;
  position: number;
  version: number;
  retired_at: Date | null;
}

const priceColumns = (price: Price | null) => ({
  monthly_price_minor: price?.monthlyMinor ?? null,
  currency: price?.currency ?? null,
});

const toTrack = (r: TrackRow): Track => ({
  id: r.id,
  tenantId: r.tenant_id,
  key: r.key,
  name: r.name,
  exclusive: r.exclusive,
  position: r.position,
});

const toProduct = (r: ProductRow): Product => ({
  id: r.id,
  tenantId: r.tenant_id,
  trackId: r.track_id,
  trackKey: r.track_key,
  key: r.key,
  name: r.name,
  includes: r.includes,
  requirements: r.requirements,
  trackNames: r.track_names ?? {},
  sellable: r.sellable,
  price:
    r.monthly_price_minor === null || r.currency === null
      ? null
      : { monthlyMinor: r.monthly_price_minor, currency: r.currency },
  position: r.position,
  version: r.version,
  retiredAt: r.retired_at,
});

/** The one writer of `catalog_tracks` and `catalog_products`. */
export class CatalogStore {
  constructor(private readonly db: Knex) {}

  async insertTrack(
    tenantId: string,
    values: { key: string; name: string; exclusive: boolean; position: number },
  ): Promise<Track> {
    const [row] = await this.db('catalog_tracks')
      .insert({ tenant_id: tenantId, ...values })
      .returning('*');
    return toTrack(row);
  }

  async listTracks(tenantId: string): Promise<Track[]> {
    const rows = await this.db('catalog_tracks').where({ tenant_id: tenantId }).orderBy(['position', 'key']);
    return rows.map(toTrack);
  }

  async findTrack(tenantId: string, idOrKey: string): Promise<Track | undefined> {
    const row = await this.db('catalog_tracks')
      .where({ tenant_id: tenantId })
      .where(isUuid(idOrKey) ? { id: idOrKey } : { key: idOrKey })
      .first();
    return row ? toTrack(row) : undefined;
  }

  async trackExists(tenantId: string, key: string): Promise<boolean> {
    return Boolean(await this.db('catalog_tracks').where({ tenant_id: tenantId, key }).first('id'));
  }

  /** Inserts a product; returns its id. */
  async insertProduct(
    tenantId: string,
    trackId: string,
    values: {
      key: string;
      name: string;
      includes: string[];
      requirements: Requirement[];
      sellable: boolean;
      price: Price | null;
      position: number;
    },
  ): Promise<string> {
    const [row] = await this.db('catalog_products')
      .insert({
        tenant_id: tenantId,
        track_id: trackId,
        key: values.key,
        name: values.name,
        includes: JSON.stringify(values.includes),
        requirements: JSON.stringify(values.requirements),
        sellable: values.sellable,
        ...priceColumns(values.price),
        position: values.position,
      })
      .returning('id');
    return (row as { id: string }).id;
  }

  /** Changes the fields `change` names and leaves the others as they are. */
  async updateProduct(tenantId: string, id: string, change: ProductChange): Promise<void> {
    await this.db('catalog_products')
      .where({ tenant_id: tenantId, id })
      .update({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.includes !== undefined ? { includes: JSON.stringify(change.includes) } : {}),
        ...(change.requirements !== undefined ? { requirements: JSON.stringify(change.requirements) } : {}),
        ...(change.sellable !== undefined ? { sellable: change.sellable } : {}),
        ...(change.price !== undefined ? priceColumns(change.price) : {}),
        ...(change.position !== undefined ? { position: change.position } : {}),
        version: this.db.raw('version + 1'),
        updated_at: this.db.fn.now(),
      });
  }

  /** The tenant's products in catalog order (by track, then position and key), optionally of one track. */
  /** What still uses a product: licenses not ended, purchases running, rules not retired. */
  async productUsage(
    tenantId: string,
    productId: string,
  ): Promise<{ assignments: number; purchases: number; rules: number }> {
    const { rows } = (await this.db.raw(
      `SELECT
         (SELECT count(*) FROM license_assignments WHERE tenant_id = :tenantId AND product_id = :productId
            AND state NOT IN ('removed', 'cancelled', 'failed'))::int AS assignments,
         (SELECT count(*) FROM subscriptions WHERE tenant_id = :tenantId AND product_id = :productId
            AND (ends_at IS NULL OR ends_at > now()))::int AS purchases,
         (SELECT count(*) FROM license_rules WHERE tenant_id = :tenantId AND product_id = :productId
            AND status <> 'retired')::int AS rules`,
      { tenantId, productId },
    )) as { rows: Array<{ assignments: number; purchases: number; rules: number }> };
    return rows[0] ?? { assignments: 0, purchases: 0, rules: 0 };
  }

  /** Marks a product retired: never sold again. */
  async retireProduct(tenantId: string, productId: string): Promise<void> {
    await this.db('catalog_products')
      .where({ tenant_id: tenantId, id: productId })
      .update({
        retired_at: this.db.fn.now(),
        sellable: false,
        version: this.db.raw('version + 1'),
        updated_at: this.db.fn.now(),
      });
  }

  async listProducts(tenantId: string, trackKey?: string): Promise<Product[]> {
    const q = this.productQuery(tenantId).orderBy([
      { column: 't.position' },
      { column: 'p.position' },
      { column: 'p.key' },
    ]);
    if (trackKey) q.where('t.key', trackKey);
    const rows: ProductRow[] = await q;
    return rows.map(toProduct);
  }

  async findProduct(
    tenantId: string,
    idOrKey: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Product | undefined> {
    const q = this.productQuery(tenantId).where(isUuid(idOrKey) ? { 'p.id': idOrKey } : { 'p.key': idOrKey });
    if (options.forUpdate) q.forUpdate('p');
    const row: ProductRow | undefined = await q.first();
    return row ? toProduct(row) : undefined;
  }

  private productQuery(tenantId: string) {
    return this.db({ p: 'catalog_products' })
      .join({ t: 'catalog_tracks' }, 't.id', 'p.track_id')
      .where('p.tenant_id', tenantId)
      .select('p.*', {
        track_key: 't.key',
        track_names: this.db.raw(
          '(SELECT jsonb_object_agg(n.key, n.name) FROM catalog_tracks n WHERE n.tenant_id = p.tenant_id)',
        ),
      });
  }
}

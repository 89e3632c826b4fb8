import type { Knex } from 'knex';
import type { z } from 'zod';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Actor, EventLog } from '../events/event-log.js';
import {
  newProductSchema,
  newTrackSchema,
  productChangeSchema,
  type Comparison,
  type NewProduct,
  type NewTrack,
  type Product,
  type ProductChange,
  type Requirement,
  type Track,
} from './catalog.js';
import { defaultProducts, defaultTracks } from './default-catalog.js';

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
  sellable: boolean;
  position: number;
  version: number;
}

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
  sellable: r.sellable,
  position: r.position,
  version: r.version,
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues
      .map((i) => `${i.path.join('.') || 'value'}: ${i.message}`)
      .join('; ');
    throw new DomainError('catalog.invalid', `Invalid catalog entry: ${problems}`);
  }
  return result.data;
}

/**
 * The tenant's product catalog. Every method runs in the caller's transaction and records an event. Creating
 * a product also creates its seat inventory row, the row that seat-taking transactions lock.
 */
export class CatalogService {
  constructor(
    private readonly db: Knex,
    private readonly events: EventLog,
  ) {}

  /** Called in the tenant's creation transaction, so a tenant never exists without its catalog. */
  async createDefault(tenantId: string, actor: Actor): Promise<void> {
    for (const track of defaultTracks) await this.createTrack(tenantId, track, actor);
    for (const product of defaultProducts) await this.createProduct(tenantId, product, actor);
  }

  async createTrack(tenantId: string, input: NewTrack, actor: Actor): Promise<Track> {
    const data = parse(newTrackSchema, input);
    const track = await this.guardUnique(`track ${data.key}`, async () => {
      const [row] = await this.db('catalog_tracks')
        .insert({ tenant_id: tenantId, ...data })
        .returning('*');
      return toTrack(row);
    });
    await this.events.append({
      tenantId,
      actor,
      action: 'track.created',
      entityType: 'track',
      entityId: track.id,
      after: track,
    });
    return track;
  }

  async createProduct(tenantId: string, input: NewProduct, actor: Actor): Promise<Product> {
    const data = parse(newProductSchema, input);
    const track = await this.getTrack(tenantId, data.track);
    await this.checkRequirements(tenantId, track, data.requirements);
    const id = await this.guardUnique(`product ${data.key}`, async () => {
      const [row] = await this.db('catalog_products')
        .insert({
          tenant_id: tenantId,
          track_id: track.id,
          key: data.key,
          name: data.name,
          includes: JSON.stringify(data.includes),
          requirements: JSON.stringify(data.requirements),
          sellable: data.sellable,
          position: data.position,
        })
        .returning('id');
      return (row as { id: string }).id;
    });
    await this.db('seat_inventory').insert({ tenant_id: tenantId, product_id: id });
    const product = await this.getProduct(tenantId, id);
    await this.events.append({
      tenantId,
      actor,
      action: 'product.created',
      entityType: 'product',
      entityId: id,
      after: product,
    });
    return product;
  }

  async updateProduct(
    tenantId: string,
    idOrKey: string,
    input: ProductChange,
    actor: Actor,
  ): Promise<Product> {
    const change = parse(productChangeSchema, input);
    const before = await this.getProduct(tenantId, idOrKey, { forUpdate: true });
    if (change.requirements)
      await this.checkRequirements(
        tenantId,
        await this.getTrack(tenantId, before.trackKey),
        change.requirements,
      );
    await this.db('catalog_products')
      .where({ tenant_id: tenantId, id: before.id })
      .update({
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.includes !== undefined ? { includes: JSON.stringify(change.includes) } : {}),
        ...(change.requirements !== undefined ? { requirements: JSON.stringify(change.requirements) } : {}),
        ...(change.sellable !== undefined ? { sellable: change.sellable } : {}),
        ...(change.position !== undefined ? { position: change.position } : {}),
        version: this.db.raw('version + 1'),
        updated_at: this.db.fn.now(),
      });
    const after = await this.getProduct(tenantId, before.id);
    await this.events.append({
      tenantId,
      actor,
      action: 'product.updated',
      entityType: 'product',
      entityId: before.id,
      before,
      after,
    });
    return after;
  }

  async listTracks(tenantId: string): Promise<Track[]> {
    const rows = await this.db('catalog_tracks').where({ tenant_id: tenantId }).orderBy(['position', 'key']);
    return rows.map(toTrack);
  }

  async getTrack(tenantId: string, idOrKey: string): Promise<Track> {
    const row = await this.db('catalog_tracks')
      .where({ tenant_id: tenantId })
      .where(isUuid(idOrKey) ? { id: idOrKey } : { key: idOrKey })
      .first();
    if (!row) throw notFound('Track', idOrKey);
    return toTrack(row);
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

  async getProduct(
    tenantId: string,
    idOrKey: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Product> {
    const q = this.productQuery(tenantId).where(isUuid(idOrKey) ? { 'p.id': idOrKey } : { 'p.key': idOrKey });
    if (options.forUpdate) q.forUpdate('p');
    const row: ProductRow | undefined = await q.first();
    if (!row) throw notFound('Product', idOrKey);
    return toProduct(row);
  }

  /** The admin portal's "Show comparison": every feature of the track's products, and who includes it. */
  async comparison(tenantId: string, trackKey: string): Promise<Comparison> {
    const track = await this.getTrack(tenantId, trackKey);
    const products = await this.listProducts(tenantId, track.key);
    const features = [...new Set(products.flatMap((p) => p.includes))];
    return {
      track: { key: track.key, name: track.name, exclusive: track.exclusive },
      products: products.map(({ id, key, name, requirements }) => ({ id, key, name, requirements })),
      features: features.map((feature) => ({
        feature,
        includedIn: products.filter((p) => p.includes.includes(feature)).map((p) => p.key),
      })),
    };
  }

  private productQuery(tenantId: string) {
    return this.db({ p: 'catalog_products' })
      .join({ t: 'catalog_tracks' }, 't.id', 'p.track_id')
      .where('p.tenant_id', tenantId)
      .select('p.*', { track_key: 't.key' });
  }

  /** A requirement on another track must name an existing one, and never the product's own track. */
  private async checkRequirements(tenantId: string, own: Track, requirements: Requirement[]): Promise<void> {
    for (const r of requirements) {
      if (r.kind !== 'active_license_in_track') continue;
      if (r.track === own.key)
        throw new DomainError(
          'catalog.invalid',
          `A ${own.key} product cannot require a license in its own track`,
        );
      const exists = await this.db('catalog_tracks').where({ tenant_id: tenantId, key: r.track }).first('id');
      if (!exists) throw new DomainError('catalog.invalid', `Requirement names an unknown track ${r.track}`);
    }
  }

  private async guardUnique<T>(what: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('uniqueness', `The catalog already has a ${what}`);
      throw error;
    }
  }
}

import type { z } from 'zod';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, fieldFault, invalidInput, notFound } from '../../domain-error.js';
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
import type { CatalogStore } from './catalog-store.js';
import { defaultProducts, defaultTracks } from './default-catalog.js';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalidInput('catalog.invalid', result.error.issues);
  return result.data;
}

/**
 * The tenant's product catalog. Every method runs in the caller's transaction and records an event. Creating
 * a product also creates its seat inventory row, the row that seat-taking transactions lock.
 */
export class CatalogService {
  constructor(
    private readonly store: CatalogStore,
    private readonly events: EventLog,
    /** Opens the new product's seat inventory (SeatStore, the one writer of seat_inventory). */
    private readonly openInventory: (tenantId: string, productId: string) => Promise<void>,
  ) {}

  /** Called in the tenant's creation transaction, so a tenant never exists without its catalog. */
  async createDefault(tenantId: string, actor: Actor): Promise<void> {
    for (const track of defaultTracks) await this.createTrack(tenantId, track, actor);
    for (const product of defaultProducts) await this.createProduct(tenantId, product, actor);
  }

  async createTrack(tenantId: string, input: NewTrack, actor: Actor): Promise<Track> {
    const data = parse(newTrackSchema, input);
    const track = await this.guardUnique(`track ${data.key}`, () => this.store.insertTrack(tenantId, data));
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
    const id = await this.guardUnique(`product ${data.key}`, () =>
      this.store.insertProduct(tenantId, track.id, data),
    );
    await this.openInventory(tenantId, id);
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
    await this.store.updateProduct(tenantId, before.id, change);
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

  /**
   * Retires a product nothing uses any more: no license that has not ended, no purchase still running, no rule
   * that is not retired. It stays in the catalog (its assignments' history names it) but is no longer sold.
   */
  async retireProduct(tenantId: string, idOrKey: string, actor: Actor): Promise<Product> {
    const before = await this.getProduct(tenantId, idOrKey, { forUpdate: true });
    if (before.retiredAt) {
      throw new DomainError('product.invalid_state', `${before.name} is retired already`);
    }
    const inUse = await this.store.productUsage(tenantId, before.id);
    if (inUse.assignments + inUse.purchases + inUse.rules > 0) {
      throw new DomainError(
        'product.in_use',
        `${before.name} is still in use: ${inUse.assignments} license(s) not ended, ${inUse.purchases} running ` +
          `purchase(s), ${inUse.rules} rule(s) not retired`,
        { product: before.key, ...inUse },
      );
    }
    await this.store.retireProduct(tenantId, before.id);
    const after = await this.getProduct(tenantId, before.id);
    await this.events.append({
      tenantId,
      actor,
      action: 'product.retired',
      entityType: 'product',
      entityId: before.id,
      before,
      after,
    });
    return after;
  }

  listTracks(tenantId: string): Promise<Track[]> {
    return this.store.listTracks(tenantId);
  }

  async getTrack(tenantId: string, idOrKey: string): Promise<Track> {
    const track = await this.store.findTrack(tenantId, idOrKey);
    if (!track) throw notFound('Track', idOrKey);
    return track;
  }

  listProducts(tenantId: string, trackKey?: string): Promise<Product[]> {
    return this.store.listProducts(tenantId, trackKey);
  }

  async getProduct(
    tenantId: string,
    idOrKey: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Product> {
    const product = await this.store.findProduct(tenantId, idOrKey, options);
    if (!product) throw notFound('Product', idOrKey);
    return product;
  }

  /** The admin portal's "Show comparison": every feature of the track's products, and who includes it. */
  async comparison(tenantId: string, trackKey: string): Promise<Comparison> {
    const track = await this.getTrack(tenantId, trackKey);
    const products = await this.listProducts(tenantId, track.key);
    const features = [...new Set(products.flatMap((p) => p.includes))];
    return {
      track: { key: track.key, name: track.name, exclusive: track.exclusive },
      products: products.map(({ id, key, name, requirements, price }) => ({
        id,
        key,
        name,
        requirements,
        price,
      })),
      features: features.map((feature) => ({
        feature,
        includedIn: products.filter((p) => p.includes.includes(feature)).map((p) => p.key),
      })),
    };
  }

  /** A requirement on another track must name an existing one, and never the product's own track. */
  private async checkRequirements(tenantId: string, own: Track, requirements: Requirement[]): Promise<void> {
    for (const [index, r] of requirements.entries()) {
      if (r.kind !== 'active_license_in_track') continue;
      const path = ['requirements', index, 'track'];
      if (r.track === own.key)
        throw fieldFault(
          'catalog.invalid',
          path,
          `A ${own.name} product cannot require a license in its own track`,
        );
      if (!(await this.store.trackExists(tenantId, r.track)))
        throw fieldFault('catalog.invalid', path, `Requirement names an unknown track ${r.track}`);
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

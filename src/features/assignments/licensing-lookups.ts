import type { Product, Track } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { LicenseSettings } from '../seats/license-settings.js';

/**
 * Products, tracks and tenant settings as licensing reads them over and over within one service's life (a
 * request, a job batch, an import batch): each is read once and kept.
 */
export class LicensingLookups {
  private readonly products = new Map<string, Product>();
  private readonly tracks = new Map<string, Track>();
  private readonly settingsByTenant = new Map<string, LicenseSettings>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly readSettings: (tenantId: string) => Promise<LicenseSettings>,
  ) {}

  /** A product by id or key, read from the catalog the first time and kept under both. */
  async findProduct(tenantId: string, idOrKey: string): Promise<Product> {
    const cached = this.products.get(productKey(tenantId, idOrKey));
    if (cached) return cached;
    const product = await this.catalog.getProduct(tenantId, idOrKey);
    this.products.set(productKey(tenantId, product.id), product);
    this.products.set(productKey(tenantId, product.key), product);
    return product;
  }

  product(tenantId: string, productId: string): Promise<Product> {
    return this.findProduct(tenantId, productId);
  }

  /** A track by key. */
  async track(tenantId: string, key: string): Promise<Track> {
    const cached = this.tracks.get(`${tenantId}|${key}`);
    if (cached) return cached;
    const track = await this.catalog.getTrack(tenantId, key);
    this.tracks.set(`${tenantId}|${key}`, track);
    return track;
  }

  async settings(tenantId: string): Promise<LicenseSettings> {
    const cached = this.settingsByTenant.get(tenantId);
    if (cached) return cached;
    const settings = await this.readSettings(tenantId);
    this.settingsByTenant.set(tenantId, settings);
    return settings;
  }
}

/** Ids are UUIDs and keys never are, so one map serves both (per tenant: a job batch spans tenants). */
const productKey = (tenantId: string, idOrKey: string) => `${tenantId}|${idOrKey}`;

import type { Product } from '../catalog/catalog.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { LicenseSettings } from '../seats/license-settings.js';

/**
 * Products and tenant settings as licensing reads them over and over within one service's life (a request, a
 * job batch): each is read once and kept.
 */
export class LicensingLookups {
  private readonly products = new Map<string, Product>();
  private readonly settingsByTenant = new Map<string, LicenseSettings>();

  constructor(
    private readonly catalog: CatalogService,
    private readonly readSettings: (tenantId: string) => Promise<LicenseSettings>,
  ) {}

  /** Reads a product by id or key (always from the catalog) and keeps it for product(). */
  async findProduct(tenantId: string, idOrKey: string): Promise<Product> {
    const product = await this.catalog.getProduct(tenantId, idOrKey);
    this.products.set(product.id, product);
    return product;
  }

  async product(tenantId: string, productId: string): Promise<Product> {
    return this.products.get(productId) ?? this.findProduct(tenantId, productId);
  }

  async settings(tenantId: string): Promise<LicenseSettings> {
    const cached = this.settingsByTenant.get(tenantId);
    if (cached) return cached;
    const settings = await this.readSettings(tenantId);
    this.settingsByTenant.set(tenantId, settings);
    return settings;
  }
}

import type { z } from 'zod';
import type { Comparison, Price, Product, Track } from '../../../features/catalog/catalog.js';
import type { ComparisonSchema, PriceSchema, ProductSchema, TrackSchema } from './catalog-schemas.js';

// The domain's objects in the admin API's shape: dates as ISO strings, tenant ids left out (the token says).

export const toAdminTrack = (t: Track): z.input<typeof TrackSchema> => ({
  id: t.id,
  key: t.key,
  name: t.name,
  exclusive: t.exclusive,
  position: t.position,
});

/** Minor units as a decimal string in the currency's usual two decimals (14900 → "149.00"). */
export const formatMinor = (minor: number): string =>
  `${Math.trunc(minor / 100)}.${String(Math.abs(minor % 100)).padStart(2, '0')}`;

export const toAdminPrice = (p: Price | null): z.input<typeof PriceSchema> | null =>
  p ? { monthly: formatMinor(p.monthlyMinor), monthlyMinor: p.monthlyMinor, currency: p.currency } : null;

export const toAdminProduct = (p: Product): z.input<typeof ProductSchema> => ({
  id: p.id,
  key: p.key,
  name: p.name,
  track: p.trackKey,
  includes: p.includes,
  requirements: p.requirements,
  sellable: p.sellable,
  price: toAdminPrice(p.price),
  position: p.position,
  version: p.version,
  retiredAt: p.retiredAt?.toISOString() ?? null,
});

export const toAdminComparison = (c: Comparison): z.input<typeof ComparisonSchema> => ({
  ...c,
  products: c.products.map((p) => ({ ...p, price: toAdminPrice(p.price) })),
});

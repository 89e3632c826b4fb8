import type { z } from 'zod';
import type { Comparison, Product, Track } from '../../../features/catalog/catalog.js';
import type { ComparisonSchema, ProductSchema, TrackSchema } from './catalog-schemas.js';

// The domain's objects in the admin API's shape: dates as ISO strings, tenant ids left out (the token says).

export const toAdminTrack = (t: Track): z.input<typeof TrackSchema> => ({
  id: t.id,
  key: t.key,
  name: t.name,
  exclusive: t.exclusive,
  position: t.position,
});

export const toAdminProduct = (p: Product): z.input<typeof ProductSchema> => ({
  id: p.id,
  key: p.key,
  name: p.name,
  track: p.trackKey,
  includes: p.includes,
  requirements: p.requirements,
  sellable: p.sellable,
  position: p.position,
  version: p.version,
  retiredAt: p.retiredAt?.toISOString() ?? null,
});

export const toAdminComparison = (c: Comparison): z.input<typeof ComparisonSchema> => c;

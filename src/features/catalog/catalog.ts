import { z } from 'zod';

/** ISO 3166-1 alpha-2, upper case. */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'a two-letter ISO country code')
  .transform((c) => c.toUpperCase());

/** A stable, URL-safe key for tracks and products (`voice`, `business-mobile`). */
export const catalogKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _');

/**
 * What a product needs before it can be active for a user. `emergency_address` applies only to users in the
 * listed countries (E911 in the US and Canada); `sold_in_country` limits where the product may be used.
 */
export const requirementSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed_number') }),
  z.object({ kind: z.literal('mobile_number') }),
  z.object({ kind: z.literal('active_license_in_track'), track: catalogKeySchema }),
  z.object({ kind: z.literal('emergency_address'), countries: z.array(countryCodeSchema).min(1) }),
  z.object({ kind: z.literal('sold_in_country'), countries: z.array(countryCodeSchema).min(1) }),
]);

export type Requirement = z.infer<typeof requirementSchema>;
export type RequirementKind = Requirement['kind'];

export interface Track {
  id: string;
  tenantId: string;
  key: string;
  name: string;
  /** Exclusive: a user holds at most one license of the track (changing it is a swap). */
  exclusive: boolean;
  position: number;
}

export interface Product {
  id: string;
  tenantId: string;
  trackId: string;
  trackKey: string;
  key: string;
  name: string;
  /** Feature lines for the side-by-side comparison. */
  includes: string[];
  requirements: Requirement[];
  sellable: boolean;
  position: number;
  version: number;
}

export const newTrackSchema = z.object({
  key: catalogKeySchema,
  name: z.string().trim().min(1).max(100),
  exclusive: z.boolean(),
  position: z.number().int().default(0),
});
export type NewTrack = z.input<typeof newTrackSchema>;

export const newProductSchema = z.object({
  key: catalogKeySchema,
  name: z.string().trim().min(1).max(100),
  track: catalogKeySchema,
  includes: z.array(z.string().trim().min(1).max(200)).default([]),
  requirements: z.array(requirementSchema).default([]),
  sellable: z.boolean().default(true),
  position: z.number().int().default(0),
});
export type NewProduct = z.input<typeof newProductSchema>;

export const productChangeSchema = newProductSchema.omit({ key: true, track: true }).partial();
export type ProductChange = z.input<typeof productChangeSchema>;

export interface Comparison {
  track: Pick<Track, 'key' | 'name' | 'exclusive'>;
  products: Array<Pick<Product, 'id' | 'key' | 'name' | 'requirements'>>;
  /** One row per feature in any product of the track, with which products include it. */
  features: Array<{ feature: string; includedIn: string[] }>;
}

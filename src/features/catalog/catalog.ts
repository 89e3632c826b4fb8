import { z } from 'zod';

/** ISO 3166-1 alpha-2, upper case. */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'a two-letter ISO country code')
  .transform((c) => c.toUpperCase());

/** A stable, URL-safe key for tracks and products (`voice`, `business-mobile`). */
export const catalogKeySchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lower-case letters, digits, - and _');

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

/** A monthly list price per seat, in minor units of an ISO 4217 currency (14900 SEK = 149.00 kr). */
export interface Price {
  monthlyMinor: number;
  currency: string;
}

export const priceSchema = z.object({
  monthlyMinor: z.number().int().min(0).max(100_000_000),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'a three-letter ISO 4217 currency code')
    .transform((c) => c.toUpperCase()),
});

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
  /** The names of the tenant's tracks by key, so messages about its requirements name tracks as admins see them. */
  trackNames: Readonly<Record<string, string>>;
  /** A product that is not sellable cannot be assigned (it stays for the licenses that run it). */
  sellable: boolean;
  /** Null: no list price (priced on request). */
  price: Price | null;
  position: number;
  version: number;
  /** Set once the provider retired it: never sold again. */
  retiredAt: Date | null;
}

export const newTrackSchema = z.object({
  key: catalogKeySchema,
  name: z.string().trim().min(1).max(100),
  exclusive: z.boolean(),
  position: z.number().int().default(0),
});
export type NewTrack = z.input<typeof newTrackSchema>;

/** The editable fields, without defaults: a change must leave what it does not name as it is. */
const productFields = {
  name: z.string().trim().min(1).max(100),
  includes: z.array(z.string().trim().min(1).max(200)),
  requirements: z.array(requirementSchema),
  sellable: z.boolean(),
  price: priceSchema.nullable(),
  position: z.number().int(),
};

export const newProductSchema = z.object({
  key: catalogKeySchema,
  track: catalogKeySchema,
  name: productFields.name,
  includes: productFields.includes.default([]),
  requirements: productFields.requirements.default([]),
  sellable: productFields.sellable.default(true),
  price: productFields.price.default(null),
  position: productFields.position.default(0),
});
export type NewProduct = z.input<typeof newProductSchema>;

// Not newProductSchema.partial(): zod keeps .default() through partial(), so a change naming only `name`
// would reset includes, requirements, sellable and position.
export const productChangeSchema = z.object(productFields).partial();
export type ProductChange = z.input<typeof productChangeSchema>;

export interface Comparison {
  track: Pick<Track, 'key' | 'name' | 'exclusive'>;
  products: Array<Pick<Product, 'id' | 'key' | 'name' | 'requirements' | 'price'>>;
  /** One row per feature in any product of the track, with which products include it. */
  features: Array<{ feature: string; includedIn: string[] }>;
}

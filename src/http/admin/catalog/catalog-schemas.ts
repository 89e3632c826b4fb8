import { z } from 'zod';
import { component, CountryCode } from '../admin-schemas.js';

// Responses describe what is stored (plain strings); requests are strict. Dates leave as ISO 8601 UTC strings.

const catalogKey = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'must be lower-case letters, digits, - and _ (at most 64)')
  .describe('A stable, URL-safe key, e.g. business-mobile');

export const RequirementSchema = component(
  z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('fixed_number') }),
    z.object({ kind: z.literal('mobile_number') }),
    z.object({ kind: z.literal('active_license_in_track'), track: z.string() }),
    z.object({ kind: z.literal('emergency_address'), countries: z.array(z.string()) }),
    z.object({ kind: z.literal('sold_in_country'), countries: z.array(z.string()) }),
  ]),
  'Requirement',
  'What a product needs before it can be active for a user',
);

const RequirementInput = component(
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('fixed_number') }),
    z.strictObject({ kind: z.literal('mobile_number') }),
    z.strictObject({ kind: z.literal('active_license_in_track'), track: catalogKey }),
    z.strictObject({ kind: z.literal('emergency_address'), countries: z.array(CountryCode).min(1) }),
    z.strictObject({ kind: z.literal('sold_in_country'), countries: z.array(CountryCode).min(1) }),
  ]),
  'RequirementInput',
);

export const PriceSchema = component(
  z.object({
    monthly: z.string().describe('Monthly list price per seat, a decimal in the currency (e.g. "149.00")'),
    monthlyMinor: z.number().int().describe('The same in minor units (öre, cent)'),
    currency: z.string().describe('ISO 4217 code'),
  }),
  'Price',
  "The product's monthly list price per seat",
);

const PriceInput = component(
  z.strictObject({
    monthlyMinor: z.number().int().min(0).max(100_000_000).describe('Monthly price per seat in minor units'),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, 'must be a three-letter ISO 4217 currency code')
      .describe('ISO 4217 code, e.g. SEK'),
  }),
  'PriceInput',
);

export const TrackSchema = component(
  z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    exclusive: z
      .boolean()
      .describe('A user holds at most one license of an exclusive track; changing it is a swap'),
    position: z.number().int(),
  }),
  'Track',
);

export const ProductSchema = component(
  z.object({
    id: z.string(),
    key: z.string(),
    name: z.string(),
    track: z.string().describe('Key of the track the product belongs to'),
    includes: z.array(z.string()).describe('Feature lines, for the side-by-side comparison'),
    requirements: z.array(RequirementSchema),
    sellable: z.boolean().describe('Only a sellable product can be assigned (409 product.not_sellable)'),
    price: PriceSchema.nullable().describe('Null: no list price (priced on request)'),
    position: z.number().int(),
    version: z.number().int().describe('Send back as If-Match: W/"<version>" to edit safely'),
    retiredAt: z.iso.datetime().nullable().describe('When the provider retired it; never sold again'),
  }),
  'Product',
);

export const TrackListSchema = component(z.object({ items: z.array(TrackSchema) }), 'TrackList');
export const ProductListSchema = component(z.object({ items: z.array(ProductSchema) }), 'ProductList');

export const ComparisonSchema = component(
  z.object({
    track: z.object({ key: z.string(), name: z.string(), exclusive: z.boolean() }),
    products: z.array(
      z.object({
        id: z.string(),
        key: z.string(),
        name: z.string(),
        requirements: z.array(RequirementSchema),
        price: PriceSchema.nullable(),
      }),
    ),
    features: z
      .array(z.object({ feature: z.string(), includedIn: z.array(z.string()).describe('Product keys') }))
      .describe('One row per feature of any product in the track'),
  }),
  'ProductComparison',
);

const productName = z.string().trim().min(1).max(100);
const includes = z.array(z.string().trim().min(1).max(200)).max(100);

export const CreateTrackRequest = component(
  z.strictObject({
    key: catalogKey,
    name: productName,
    exclusive: z.boolean(),
    position: z.number().int().default(0),
  }),
  'CreateTrackRequest',
);

export const CreateProductRequest = component(
  z.strictObject({
    key: catalogKey,
    name: productName,
    track: catalogKey.describe('Key of an existing track'),
    includes: includes.default([]),
    requirements: z.array(RequirementInput).max(20).default([]),
    sellable: z.boolean().default(true),
    price: PriceInput.nullable().default(null),
    position: z.number().int().default(0),
  }),
  'CreateProductRequest',
);

export const UpdateProductRequest = component(
  z.strictObject({
    name: productName.optional(),
    includes: includes.optional(),
    requirements: z.array(RequirementInput).max(20).optional().describe('Replaces the whole list'),
    sellable: z.boolean().optional(),
    price: PriceInput.nullable().optional().describe('null removes the list price'),
    position: z.number().int().optional(),
  }),
  'UpdateProductRequest',
  'Fields to change; those left out stay as they are. The key and track of a product never change',
);

export const ProductParams = z.object({ id: z.string().min(1).describe('The product id or key') });
export const TrackParams = z.object({ key: z.string().min(1).describe('The track key (or id)') });
export const ListProductsQuery = z.object({ track: catalogKey.optional().describe('Only this track') });

import { DomainError } from '../../../domain-error.js';
import { resourceErrors } from '../admin-problem.js';
import { CATALOG_EDITORS, CATALOG_READERS } from '../admin-roles.js';
import { etagOf, IfMatchHeaders } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { referenced } from '../referenced.js';
import { toAdminComparison, toAdminProduct, toAdminTrack } from './catalog-mappers.js';
import {
  ComparisonSchema,
  CreateProductRequest,
  CreateTrackRequest,
  ListProductsQuery,
  ProductListSchema,
  ProductParams,
  ProductSchema,
  TrackListSchema,
  TrackParams,
  TrackSchema,
  UpdateProductRequest,
} from './catalog-schemas.js';

const TAGS = ['Catalog'];
const productErrors = resourceErrors('product');
const trackErrors = resourceErrors('track');

// The catalog is a handful of tracks and products per tenant: its lists come whole, not paged.
export const catalogRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/catalog/tracks',
    operationId: 'listTracks',
    sort: 'by display position, then key',
    summary: 'List the tracks of the catalog',
    tags: TAGS,
    roles: CATALOG_READERS,
    response: { status: 200, description: 'Every track, in display order', schema: TrackListSchema },
    async handler({ tenantId, services }) {
      return { items: (await services.catalog.listTracks(tenantId)).map(toAdminTrack) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/catalog/tracks',
    operationId: 'createTrack',
    summary: 'Add a track to the catalog',
    tags: TAGS,
    roles: CATALOG_EDITORS,
    errors: trackErrors,
    problems: ['track.already_exists', 'catalog.invalid'],
    body: CreateTrackRequest,
    response: { status: 201, description: 'The new track', schema: TrackSchema },
    async handler({ body, tenantId, actor, services }) {
      return toAdminTrack(await services.catalog.createTrack(tenantId, body, actor));
    },
  }),

  defineRoute({
    method: 'get',
    path: '/catalog/tracks/:key/comparison',
    operationId: 'compareProducts',
    sort: "features in the order the track's products (by position) first include them",
    summary: 'Compare the products of a track side by side',
    description: 'Every feature any product of the track includes, with the products that include it.',
    tags: TAGS,
    roles: CATALOG_READERS,
    errors: trackErrors,
    params: TrackParams,
    response: { status: 200, description: 'The comparison', schema: ComparisonSchema },
    async handler({ params, tenantId, services }) {
      return toAdminComparison(await services.catalog.comparison(tenantId, params.key));
    },
  }),

  defineRoute({
    method: 'get',
    path: '/catalog/products',
    operationId: 'listProducts',
    sort: "by track position, then the product's position in its track, then key",
    summary: 'List the products of the catalog',
    tags: TAGS,
    roles: CATALOG_READERS,
    query: ListProductsQuery,
    response: { status: 200, description: 'The products, by track and position', schema: ProductListSchema },
    async handler({ query, tenantId, services }) {
      return { items: (await services.catalog.listProducts(tenantId, query.track)).map(toAdminProduct) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/catalog/products',
    operationId: 'createProduct',
    summary: 'Add a product to the catalog',
    description: 'The product gets its seat inventory at once; buy seats with POST /purchases.',
    tags: TAGS,
    roles: CATALOG_EDITORS,
    errors: productErrors,
    problems: ['product.already_exists', 'catalog.invalid'],
    body: CreateProductRequest,
    response: {
      status: 201,
      headers: ['ETag', 'Location'],
      description: 'The new product',
      schema: ProductSchema,
    },
    async handler({ body, tenantId, actor, services, setHeader }) {
      await referenced('body', 'track', () => services.catalog.getTrack(tenantId, body.track));
      const product = await services.catalog.createProduct(tenantId, body, actor);
      setHeader('Location', `/api/v1/catalog/products/${product.id}`);
      setHeader('ETag', etagOf(product.version));
      return toAdminProduct(product);
    },
  }),

  defineRoute({
    method: 'get',
    path: '/catalog/products/:id',
    operationId: 'getProduct',
    summary: 'Get a product',
    tags: TAGS,
    roles: CATALOG_READERS,
    errors: productErrors,
    params: ProductParams,
    response: { status: 200, headers: ['ETag'], description: 'The product', schema: ProductSchema },
    async handler({ params, tenantId, services, setHeader }) {
      const product = await services.catalog.getProduct(tenantId, params.id);
      setHeader('ETag', etagOf(product.version));
      return toAdminProduct(product);
    },
  }),

  defineRoute({
    method: 'patch',
    path: '/catalog/products/:id',
    operationId: 'updateProduct',
    summary: "Edit a product of the tenant's catalog",
    description:
      'Name, feature lines, requirements, whether it is for sale, its monthly list price, position. Requirement changes apply to assignments ' +
      'activating from now on. Send If-Match with the ETag you read to avoid overwriting a newer edit.',
    tags: TAGS,
    roles: CATALOG_EDITORS,
    errors: productErrors,
    problems: ['product.version_mismatch', 'catalog.invalid'],
    params: ProductParams,
    headers: IfMatchHeaders,
    body: UpdateProductRequest,
    response: {
      status: 200,
      headers: ['ETag'],
      description: 'The product as changed',
      schema: ProductSchema,
    },
    async handler({ params, headers, body, tenantId, actor, services, setHeader }) {
      // Locked, so no other edit lands between this read, the version check and the update (same transaction).
      const current = await services.catalog.getProduct(tenantId, params.id, { forUpdate: true });
      const expected = headers['if-match'];
      if (expected !== undefined && current.version !== expected) {
        throw new DomainError(
          'precondition_failed',
          `The product is at version ${current.version}, not ${expected}: read it again`,
        );
      }
      // Sent whole: the catalog's change schema fills fields left out with their creation defaults (an edit of the
      // name alone would empty the requirements), so what the request leaves out is taken from the product as it is.
      const change = {
        name: body.name ?? current.name,
        includes: body.includes ?? current.includes,
        requirements: body.requirements ?? current.requirements,
        sellable: body.sellable ?? current.sellable,
        price: body.price !== undefined ? body.price : current.price,
        position: body.position ?? current.position,
      };
      const product = await services.catalog.updateProduct(tenantId, current.id, change, actor);
      setHeader('ETag', etagOf(product.version));
      return toAdminProduct(product);
    },
  }),

  defineRoute({
    method: 'post',
    path: '/catalog/products/:id/retire',
    operationId: 'retireProduct',
    summary: 'Retire a product nothing uses',
    description:
      'Refused (409 product.in_use, with the counts) while a license of it has not ended, a purchase of it runs or ' +
      'a rule that is not retired grants it. The product stays readable, is no longer sellable and cannot be assigned.',
    tags: TAGS,
    roles: CATALOG_EDITORS,
    errors: productErrors,
    problems: ['product.in_use', 'product.invalid_state'],
    params: ProductParams,
    response: { status: 200, headers: ['ETag'], description: 'The retired product', schema: ProductSchema },
    async handler({ params, tenantId, actor, services, setHeader }) {
      const product = await services.catalog.retireProduct(tenantId, params.id, actor);
      setHeader('ETag', etagOf(product.version));
      return toAdminProduct(product);
    },
  }),
];

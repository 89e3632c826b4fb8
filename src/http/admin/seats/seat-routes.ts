import { RequestValidationError, resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, LICENSE_WRITERS } from '../admin-roles.js';
import { IdParams } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { referenced } from '../referenced.js';
import { pageOfList } from '../pagination.js';
import { toAdminInventoryLine, toAdminSubscription } from './seat-mappers.js';
import {
  CancelPurchaseRequest,
  InventoryQuery,
  InventorySchema,
  ListPurchasesQuery,
  PurchaseRequest,
  SubscriptionPageSchema,
  SubscriptionSchema,
} from './seat-schemas.js';

const TAGS = ['Seats'];
const subscriptionErrors = resourceErrors('subscription');

export const seatRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/inventory',
    operationId: 'getInventory',
    sort: 'by track position, then product position',
    summary: 'Seat inventory per product',
    description:
      'Purchased, held (active, removal scheduled, grace), scheduled, blocked and available now. With `on`, also the ' +
      'seats available on that date (today or later; a past date is a 400): scheduled assignments due by then and ' +
      'subscriptions starting, ending or partly cancelled by then count; a scheduled change within a track (Basic → ' +
      'Business Mobile) counts once, as the new product. Each line has the monthly list price and what the seats ' +
      'purchased now cost a month.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: InventoryQuery,
    response: { status: 200, description: 'One line per product', schema: InventorySchema },
    async handler({ query, tenantId, services }) {
      const productId = query.product
        ? (
            await referenced('query', 'product', () =>
              services.catalog.getProduct(tenantId, query.product ?? ''),
            )
          ).id
        : undefined;
      // A forecast looks ahead: a day before today is refused; a time earlier today is read as now.
      const now = new Date();
      const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
      if (query.on && query.on < today) {
        throw new RequestValidationError([
          {
            in: 'query',
            field: 'on',
            path: ['on'],
            message: 'must be today or a later date: the forecast looks ahead',
          },
        ]);
      }
      const on = query.on && query.on < now ? now : query.on;
      const lines = await services.seats.inventory(tenantId, {
        ...(productId ? { productId } : {}),
        ...(on ? { on } : {}),
      });
      return { items: lines.map(toAdminInventoryLine) };
    },
  }),

  defineRoute({
    method: 'post',
    path: '/purchases',
    operationId: 'purchaseSeats',
    summary: 'Buy seats of a product',
    description:
      'One product per order, with a binding period in months. `termsAccepted: true` is required; who accepted them ' +
      'and when is recorded on the order. Assignments waiting for a seat of the product take the new seats, oldest first.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: subscriptionErrors,
    problems: ['terms.not_accepted', 'catalog.invalid'],
    body: PurchaseRequest,
    response: { status: 201, headers: ['Location'], description: 'The order', schema: SubscriptionSchema },
    async handler({ body, tenantId, actor, services, setHeader }) {
      const product = await referenced('body', 'product', () =>
        services.catalog.getProduct(tenantId, body.product),
      );
      const subscription = await services.seats.purchase(
        tenantId,
        {
          product: product.id,
          quantity: body.quantity,
          bindingMonths: body.bindingMonths,
          ...(body.startsAt ? { startsAt: body.startsAt } : {}),
          termsAccepted: body.termsAccepted === true,
        },
        actor,
      );
      setHeader('Location', `/api/v1/purchases/${subscription.id}`);
      return toAdminSubscription(subscription, product.key);
    },
  }),

  defineRoute({
    method: 'get',
    path: '/purchases',
    operationId: 'listPurchases',
    sort: 'oldest first (by purchase time, then id)',
    summary: 'List seat purchases',
    description: 'In order of purchase, a page at a time.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: ListPurchasesQuery,
    response: { status: 200, description: 'A page of purchases', schema: SubscriptionPageSchema },
    async handler({ query, tenantId, services }) {
      const productId = query.product
        ? (
            await referenced('query', 'product', () =>
              services.catalog.getProduct(tenantId, query.product ?? ''),
            )
          ).id
        : undefined;
      const keys = new Map((await services.catalog.listProducts(tenantId)).map((p) => [p.id, p.key]));
      const subscriptions = await services.seats.list(tenantId, productId);
      return pageOfList(
        subscriptions,
        query,
        (s) => ({ createdAt: s.createdAt.toISOString(), id: s.id }),
        (s) => toAdminSubscription(s, keys.get(s.productId) ?? ''),
      );
    },
  }),

  defineRoute({
    method: 'post',
    path: '/purchases/:id/cancel',
    operationId: 'cancelPurchase',
    summary: 'Cancel a seat purchase, in whole or in part',
    description:
      'Needs `confirmCancellation: true` (else 422 confirmation.required). The seats leave at the end of the binding ' +
      'period (or now, when it is over). With `quantity`, only that many: the rest of the purchase stays, and the ' +
      'cancellation is listed in `cancellations`; without it, or with all that are left, the whole purchase ends ' +
      '(`endsAt`). 409 subscription.quantity_exceeded when fewer seats are left to cancel; 409 ' +
      'subscription.seats_in_use when the seats left on that date would not cover the licenses committed then.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: subscriptionErrors,
    problems: ['confirmation.required', 'subscription.quantity_exceeded', 'subscription.seats_in_use'],
    params: IdParams,
    body: CancelPurchaseRequest,
    response: { status: 200, description: 'The order with its cancellations', schema: SubscriptionSchema },
    async handler({ params, body, tenantId, actor, services }) {
      const subscription = await services.seats.cancel(
        tenantId,
        params.id,
        {
          ...(body.quantity !== undefined ? { quantity: body.quantity } : {}),
          ...(body.confirmCancellation !== undefined
            ? { confirmCancellation: body.confirmCancellation }
            : {}),
        },
        actor,
      );
      const product = await services.catalog.getProduct(tenantId, subscription.productId);
      return toAdminSubscription(subscription, product.key);
    },
  }),
];

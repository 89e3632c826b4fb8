import { resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, LICENSE_WRITERS } from '../admin-roles.js';
import { IdParams } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { referenced } from '../referenced.js';
import { pageOfList, toNumberPage } from '../pagination.js';
import { toAdminNumber, toAdminPortOrder } from './number-mappers.js';
import {
  AcquireNumbersRequest,
  AssignNumberRequest,
  ConfirmPortOrderRequest,
  CreatePortOrderRequest,
  ListNumbersQuery,
  ListPortOrdersQuery,
  NumberParams,
  PhoneNumberListSchema,
  PhoneNumberPageSchema,
  PhoneNumberSchema,
  PortOrderPageSchema,
  PortOrderSchema,
  ReleaseNumberRequest,
  RejectPortOrderRequest,
} from './number-schemas.js';

const TAGS = ['Numbers'];
const numberErrors = resourceErrors('number');
const portOrderErrors = resourceErrors('port_order');

export const numberRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/numbers',
    operationId: 'listNumbers',
    sort: 'by number (E.164, as text)',
    summary: "List the tenant's number pool",
    description: 'In number order, a page at a time; filter by status, kind, country or user.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: ListNumbersQuery,
    response: { status: 200, description: 'A page of numbers', schema: PhoneNumberPageSchema },
    async handler({ query, tenantId, services }) {
      const numbers = await services.numbers.list(
        tenantId,
        {
          ...(query.status ? { status: query.status } : {}),
          ...(query.kind ? { kind: query.kind } : {}),
          ...(query.country ? { country: query.country } : {}),
          ...(query.userId ? { userId: query.userId } : {}),
        },
        { after: query.cursor, limit: query.limit + 1 },
      );
      return toNumberPage(numbers, query.limit, toAdminNumber);
    },
  }),

  defineRoute({
    method: 'post',
    path: '/numbers/acquire',
    operationId: 'acquireNumbers',
    summary: "Acquire new numbers from the provider's ranges",
    description:
      'They enter the pool as available. All or nothing: 409 number.unavailable when the ranges run short.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: numberErrors,
    problems: ['number.unavailable'],
    body: AcquireNumbersRequest,
    response: { status: 201, description: 'The new numbers', schema: PhoneNumberListSchema },
    async handler({ body, tenantId, actor, services }) {
      return { items: (await services.numbers.acquire(tenantId, body, actor)).map(toAdminNumber) };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/numbers/:id',
    operationId: 'getNumber',
    summary: 'Get a number of the pool',
    tags: TAGS,
    roles: ANY_ROLE,
    errors: numberErrors,
    params: NumberParams,
    response: { status: 200, description: 'The number', schema: PhoneNumberSchema },
    async handler({ params, tenantId, services }) {
      return toAdminNumber(await services.numbers.get(tenantId, params.id));
    },
  }),

  defineRoute({
    method: 'post',
    path: '/numbers/:id/assign',
    operationId: 'assignNumber',
    summary: 'Assign a number to a user',
    description:
      "The number shows in the user's contact details (work for fixed, mobile for mobile); their assignments " +
      'blocked for want of a number re-check at once.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: numberErrors,
    problems: ['number.invalid_state'],
    params: NumberParams,
    body: AssignNumberRequest,
    response: { status: 200, description: 'The number as assigned', schema: PhoneNumberSchema },
    async handler({ params, body, tenantId, actor, services }) {
      await referenced('body', 'userId', () => services.users.get(tenantId, body.userId, false));
      return toAdminNumber(await services.numbers.assign(tenantId, params.id, body.userId, actor));
    },
  }),

  defineRoute({
    method: 'post',
    path: '/numbers/:id/reserve',
    operationId: 'reserveNumber',
    summary: 'Set an available number aside',
    description: 'Reserved numbers are picked first when a license takes numbers from the pool.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: numberErrors,
    problems: ['number.invalid_state'],
    params: NumberParams,
    response: { status: 200, description: 'The number as reserved', schema: PhoneNumberSchema },
    async handler({ params, tenantId, actor, services }) {
      return toAdminNumber(await services.numbers.reserve(tenantId, params.id, actor));
    },
  }),

  defineRoute({
    method: 'post',
    path: '/numbers/:id/release',
    operationId: 'releaseNumber',
    summary: 'Release a number into quarantine',
    description:
      "It leaves its user's contact details and rests in quarantine for the tenant's quarantine days before it is " +
      'available again. When a running license of its user needs it (Basic needs a fixed number), the release is ' +
      'refused with 409 requirement.would_break unless `brokenLicenses` is `grace`.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: numberErrors,
    problems: ['number.invalid_state', 'requirement.would_break'],
    params: NumberParams,
    // A release with no body refuses to break licenses, like one that says so.
    body: ReleaseNumberRequest.default({}),
    response: { status: 200, description: 'The number in quarantine', schema: PhoneNumberSchema },
    async handler({ params, body, tenantId, actor, services }) {
      return toAdminNumber(
        await services.numbers.release(tenantId, params.id, actor, body.brokenLicenses ?? 'refuse'),
      );
    },
  }),

  defineRoute({
    method: 'post',
    path: '/port-orders',
    operationId: 'createPortOrder',
    summary: 'Port a number in from another operator',
    description:
      'The number enters the pool as `porting`. The order is `submitted`, then `confirmed` with a port date (or ' +
      '`rejected`); on that date it completes and the number becomes reserved.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: portOrderErrors,
    problems: ['number.invalid', 'number.unavailable'],
    body: CreatePortOrderRequest,
    response: { status: 201, headers: ['Location'], description: 'The port order', schema: PortOrderSchema },
    async handler({ body, tenantId, actor, services, setHeader }) {
      const { order } = await services.numbers.portIn(tenantId, body, actor);
      setHeader('Location', `/api/v1/port-orders/${order.id}`);
      return toAdminPortOrder(order);
    },
  }),

  defineRoute({
    method: 'get',
    path: '/port-orders',
    operationId: 'listPortOrders',
    sort: 'oldest first (by creation time, then id)',
    summary: 'List port orders',
    description: 'In order of creation, a page at a time.',
    tags: TAGS,
    roles: ANY_ROLE,
    query: ListPortOrdersQuery,
    response: { status: 200, description: 'A page of port orders', schema: PortOrderPageSchema },
    async handler({ query, tenantId, services }) {
      const orders = await services.numbers.listPortOrders(tenantId);
      return pageOfList(
        query.state ? orders.filter((o) => o.state === query.state) : orders,
        query,
        (o) => ({ createdAt: o.createdAt.toISOString(), id: o.id }),
        toAdminPortOrder,
      );
    },
  }),

  defineRoute({
    method: 'get',
    path: '/port-orders/:id',
    operationId: 'getPortOrder',
    summary: 'Get a port order',
    tags: TAGS,
    roles: ANY_ROLE,
    errors: portOrderErrors,
    params: IdParams,
    response: { status: 200, description: 'The port order', schema: PortOrderSchema },
    async handler({ params, tenantId, services }) {
      return toAdminPortOrder(await services.numbers.getPortOrder(tenantId, params.id));
    },
  }),

  defineRoute({
    method: 'post',
    path: '/port-orders/:id/confirm',
    operationId: 'confirmPortOrder',
    summary: 'Record that the losing operator accepted the port, with its date',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: portOrderErrors,
    problems: ['port_order.invalid_state'],
    params: IdParams,
    body: ConfirmPortOrderRequest,
    response: { status: 200, description: 'The confirmed port order', schema: PortOrderSchema },
    async handler({ params, body, tenantId, actor, services }) {
      return toAdminPortOrder(
        await services.numbers.confirmPortOrder(tenantId, params.id, body.portAt, actor),
      );
    },
  }),

  defineRoute({
    method: 'post',
    path: '/port-orders/:id/reject',
    operationId: 'rejectPortOrder',
    summary: 'Record that the losing operator refused the port',
    description: 'The porting number leaves the pool.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: portOrderErrors,
    problems: ['port_order.invalid_state'],
    params: IdParams,
    body: RejectPortOrderRequest,
    response: { status: 200, description: 'The rejected port order', schema: PortOrderSchema },
    async handler({ params, body, tenantId, actor, services }) {
      return toAdminPortOrder(
        await services.numbers.rejectPortOrder(tenantId, params.id, body.reason, actor),
      );
    },
  }),

  defineRoute({
    method: 'post',
    path: '/port-orders/:id/cancel',
    operationId: 'cancelPortOrder',
    summary: 'Cancel a port order that has not completed',
    description: 'The porting number leaves the pool.',
    tags: TAGS,
    roles: LICENSE_WRITERS,
    errors: portOrderErrors,
    problems: ['port_order.invalid_state'],
    params: IdParams,
    response: { status: 200, description: 'The cancelled port order', schema: PortOrderSchema },
    async handler({ params, tenantId, actor, services }) {
      return toAdminPortOrder(await services.numbers.cancelPortOrder(tenantId, params.id, actor));
    },
  }),
];

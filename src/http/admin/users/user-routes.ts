import { z } from 'zod';
import type { Services } from '../../../container.js';
import type { Actor } from '../../../features/events/event-log.js';
import type { Assignment } from '../../../features/assignments/assignment.js';
import type { User } from '../../../features/users/user.js';
import { resourceErrors } from '../admin-problem.js';
import { ANY_ROLE, USER_WRITERS } from '../admin-roles.js';
import { EmailAddress, etagOf, IdParams, IfMatchHeaders } from '../admin-schemas.js';
import { defineRoute, type AdminRoute } from '../define-route.js';
import { toPage } from '../pagination.js';
import { referenced } from '../referenced.js';
import { loadUserDetails, UserDetailsSchema } from './user-details.js';
import { applyContactChanges, createInputProfile, newUserProfile, toAdminUser } from './user-mapper.js';
import {
  BulkCreateUsersRequest,
  BulkCreateUsersResponse,
  CreateUserRequest,
  ListUsersQuery,
  UpdateUserRequest,
  UserPageSchema,
} from './user-schemas.js';
import { userSearchCondition } from './user-search.js';
import type { WritePolicy } from '../../../features/users/contact-numbers.js';

const TAGS = ['Users'];
/** An admin's write: numbers must be the user's pool numbers; licenses it would break refuse it. */
const ADMIN_WRITE: WritePolicy = { by: 'admin', brokenLicenses: 'refuse' };
const errors = resourceErrors('user', { uniqueness: 'user.username_taken' });

/** Answers with the user as it now is, and its ETag for the next conditional write. */
async function respondWithUser(
  services: Services,
  tenantId: string,
  id: string,
  setHeader: (name: string, value: string) => void,
) {
  const user = await services.users.get(tenantId, id, true);
  setHeader('ETag', etagOf(user.version));
  return loadUserDetails(services, user);
}

/** Suspension and reactivation: the same locked change of `active`; UserService records which it was. */
function setActive(
  services: Services,
  tenantId: string,
  id: string,
  active: boolean,
  actor: Actor,
  expectedVersion: number | undefined,
) {
  return services.users.modify(
    tenantId,
    id,
    (current) => ({ ...inputOf(current), active }),
    actor,
    expectedVersion,
  );
}

const toLicenseSummary = (a: Assignment) => ({
  assignmentId: a.id,
  product: a.productKey,
  track: a.trackKey,
  state: a.state,
  effectiveAt: a.effectiveAt.toISOString(),
});

const inputOf = (user: User) => ({
  userName: user.userName,
  externalId: user.externalId,
  active: user.active,
  profile: user.profile,
});

export const userRoutes: readonly AdminRoute[] = [
  defineRoute({
    method: 'get',
    path: '/users',
    operationId: 'listUsers',
    sort: 'oldest first (by creation time, then id)',
    summary: 'List or search users',
    description:
      'A page at a time. `q` searches userName, display name, department, e-mail addresses and phone numbers; ' +
      '`department`, `country`, `product` and `status` filter. With `includeLicenses=true` each user carries the ' +
      'licenses that have not ended (one query for the page).',
    tags: TAGS,
    roles: ANY_ROLE,
    errors,
    query: ListUsersQuery,
    response: { status: 200, description: 'A page of users', schema: UserPageSchema },
    async handler({ query, tenantId, services }) {
      const productId = query.product
        ? (
            await referenced('query', 'product', () =>
              services.catalog.getProduct(tenantId, query.product ?? ''),
            )
          ).id
        : undefined;
      const where = userSearchCondition(tenantId, {
        q: query.q,
        status: query.status,
        department: query.department,
        country: query.country,
        productId,
        after: query.cursor,
      });
      // One row more than the page: it only tells whether there is a next page.
      const users = await services.users.page(tenantId, {
        ...(where ? { where } : {}),
        offset: 0,
        limit: query.limit + 1,
        withGroups: false,
      });
      const page = users.slice(0, query.limit);
      const licenses = query.includeLicenses
        ? await services.assignments.liveOfUsers(
            tenantId,
            page.map((u) => u.id),
          )
        : undefined;
      return toPage(
        users,
        query.limit,
        (u) => ({ createdAt: u.createdAt.toISOString(), id: u.id }),
        (u) => ({
          ...toAdminUser(u),
          ...(licenses ? { licenses: (licenses.get(u.id) ?? []).map(toLicenseSummary) } : {}),
        }),
      );
    },
  }),

  defineRoute({
    method: 'post',
    path: '/users',
    operationId: 'createUser',
    summary: 'Create a user',
    description:
      "The e-mail address becomes the userName. With `sendOnboardingEmail` the onboarding e-mail (in the user's language) " +
      "is queued in the outbox in the same transaction; its state is the response's `onboardingEmail`. While e-mail is " +
      'off (GET /settings says so: `mail.enabled`) it waits there.',
    tags: TAGS,
    roles: USER_WRITERS,
    errors,
    problems: ['user.username_taken'],
    body: CreateUserRequest,
    response: {
      status: 201,
      headers: ['ETag', 'Location'],
      description: 'The new user',
      schema: UserDetailsSchema,
    },
    async handler({ body, tenantId, actor, services, setHeader }) {
      const tenant = await services.tenants.get(tenantId);
      const profile = createInputProfile(body, {
        country: tenant.defaultCountry,
        language: tenant.defaultLanguage,
      });
      const user = await services.users.create(
        tenantId,
        { userName: body.email, active: true, profile },
        'admin',
        actor,
        ADMIN_WRITE,
      );
      if (body.sendOnboardingEmail) await services.users.requestOnboardingEmail(user, body.email, actor);
      setHeader('Location', `/api/v1/users/${user.id}`);
      setHeader('ETag', etagOf(user.version));
      return loadUserDetails(services, { ...user, groups: [] });
    },
  }),

  defineRoute({
    method: 'post',
    path: '/users/bulk',
    operationId: 'createUsers',
    summary: 'Create users from a list of e-mail addresses',
    description:
      'All in one transaction. Each address gets its own result: created, already_exists (a user has that userName, or ' +
      'it came earlier in the list) or invalid. Names and the rest of the contact details can be filled in afterwards. ' +
      'With `sendOnboardingEmail` each created user gets the onboarding e-mail (users that already existed do not); ' +
      "its state is each user's `onboardingEmail`.",
    tags: TAGS,
    roles: USER_WRITERS,
    errors,
    body: BulkCreateUsersRequest,
    response: { status: 201, description: 'One result per address', schema: BulkCreateUsersResponse },
    async handler({ body, tenantId, actor, services }) {
      const tenant = await services.tenants.get(tenantId);
      const country = body.country ?? tenant.defaultCountry;
      const language = body.language ?? tenant.defaultLanguage;
      const emails = body.emails.map((e) => e.trim());
      const valid = [
        ...new Set(emails.filter((e) => EmailAddress.safeParse(e).success).map((e) => e.toLowerCase())),
      ];
      // Looked up first rather than caught: a unique violation would abort the whole transaction.
      const existing = new Map<string, string>();
      if (valid.length > 0) {
        const users = await services.users.page(tenantId, {
          where: { sql: `lower(u.user_name) IN (${valid.map(() => '?').join(', ')})`, bindings: valid },
          offset: 0,
          limit: valid.length,
          withGroups: false,
        });
        for (const user of users) existing.set(user.userName.toLowerCase(), user.id);
      }
      const results: Array<z.input<typeof BulkCreateUsersResponse>['results'][number]> = [];
      for (const email of emails) {
        if (!EmailAddress.safeParse(email).success) {
          results.push({ email, status: 'invalid', message: 'not an e-mail address' });
          continue;
        }
        const known = existing.get(email.toLowerCase());
        if (known) {
          results.push({ email, status: 'already_exists', userId: known });
          continue;
        }
        const user = await services.users.create(
          tenantId,
          { userName: email, active: true, profile: newUserProfile({ email, country, language }) },
          'admin',
          actor,
        );
        if (body.sendOnboardingEmail) await services.users.requestOnboardingEmail(user, email, actor);
        existing.set(email.toLowerCase(), user.id);
        results.push({ email, status: 'created', userId: user.id });
      }
      const count = (status: string) => results.filter((r) => r.status === status).length;
      return {
        results,
        created: count('created'),
        alreadyExisting: count('already_exists'),
        invalid: count('invalid'),
      };
    },
  }),

  defineRoute({
    method: 'get',
    path: '/users/:id',
    operationId: 'getUser',
    summary: 'Get a user with their groups',
    tags: TAGS,
    roles: ANY_ROLE,
    errors,
    params: IdParams,
    response: { status: 200, headers: ['ETag'], description: 'The user', schema: UserDetailsSchema },
    handler: ({ params, tenantId, services, setHeader }) =>
      respondWithUser(services, tenantId, params.id, setHeader),
  }),

  defineRoute({
    method: 'patch',
    path: '/users/:id',
    operationId: 'updateUser',
    summary: "Edit a user's contact details",
    description:
      'Only the fields sent change; null removes one. Send If-Match with the ETag you read to avoid overwriting a newer change.',
    tags: TAGS,
    roles: USER_WRITERS,
    errors,
    problems: [
      'user.version_mismatch',
      'requirement.would_break',
      'number.not_owned',
      'number.pool_assigned',
    ],
    params: IdParams,
    headers: IfMatchHeaders,
    body: UpdateUserRequest,
    response: {
      status: 200,
      headers: ['ETag'],
      description: 'The user as changed',
      schema: UserDetailsSchema,
    },
    async handler({ params, headers, body, tenantId, actor, services, setHeader }) {
      await services.users.modify(
        tenantId,
        params.id,
        (current) => ({ ...inputOf(current), profile: applyContactChanges(current.profile, body) }),
        actor,
        headers['if-match'],
        { by: 'admin', brokenLicenses: body.brokenLicenses ?? 'refuse' },
      );
      return respondWithUser(services, tenantId, params.id, setHeader);
    },
  }),

  ...(['suspend', 'reactivate'] as const).map((action) =>
    defineRoute({
      method: 'post',
      path: `/users/:id/${action}`,
      operationId: `${action}User`,
      summary: action === 'suspend' ? 'Suspend a user' : 'Reactivate a suspended user',
      description:
        action === 'suspend'
          ? "The user stays, inactive; their licenses go to removal after the tenant's grace days. Suspending a suspended user changes nothing."
          : 'Restores an active user. Reactivating an active user changes nothing.',
      tags: TAGS,
      roles: USER_WRITERS,
      errors,
      problems: ['user.version_mismatch'],
      params: IdParams,
      headers: IfMatchHeaders,
      response: {
        status: 200,
        headers: ['ETag'],
        description: 'The user as it now is',
        schema: UserDetailsSchema,
      },
      async handler({ params, headers, tenantId, actor, services, setHeader }) {
        await setActive(services, tenantId, params.id, action === 'reactivate', actor, headers['if-match']);
        return respondWithUser(services, tenantId, params.id, setHeader);
      },
    }),
  ),
];

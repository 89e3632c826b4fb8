import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../../db/database-errors.js';
import { DomainError } from '../../domain-error.js';

/** Where a request value came from, for field-level validation errors. */
export type RequestPart = 'params' | 'query' | 'headers' | 'body';

export interface FieldError {
  in: RequestPart;
  /** Dotted path inside that part (`phoneNumbers.work`); empty for the part as a whole. */
  field: string;
  /** The same path as a list of keys, array positions as numbers (`['userIds', 3]`). */
  path: Array<string | number>;
  message: string;
}

/** A field at fault: `path` inside the request's `part`. */
export const fieldError = (
  part: RequestPart,
  path: ReadonlyArray<string | number>,
  message: string,
): FieldError => ({ in: part, field: path.join('.'), path: [...path], message });

/** An RFC 9457 problem document with seatsync's stable `code`. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: FieldError[];
  /** What the domain error says beyond its message (e.g. the unmet requirements), for clients to act on. */
  details?: Record<string, unknown>;
}

export interface MappedProblem {
  problem: Problem;
  headers: Record<string, string>;
  /** Unexpected (a bug, or the database is down): log it once, with the request id. */
  internal: boolean;
}

/** Thrown by the route helper when params, query, headers or body fail their zod schemas. */
export class RequestValidationError extends Error {
  constructor(readonly errors: FieldError[]) {
    super(
      `The request is not valid: ${errors.map((e) => `${[e.in, e.field].filter(Boolean).join('.')}: ${e.message}`).join('; ')}`,
    );
    this.name = 'RequestValidationError';
  }
}

export function fieldErrors(part: RequestPart, error: ZodError): FieldError[] {
  return error.issues.map((issue) =>
    fieldError(
      part,
      issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
      // zod's wording for a missing field ("expected string, received undefined") reads like a type error.
      issue.code === 'invalid_type' && issue.message.endsWith('received undefined')
        ? `is required (${issue.expected})`
        : issue.message,
    ),
  );
}

/**
 * The admin API's vocabulary of problems: stable dotted codes, each with its HTTP status and title. Clients
 * match on `code`; `status` follows from it. Features add their codes here (or let the suffix rule below
 * decide the status of a code they throw as a DomainError).
 */
export const PROBLEMS = {
  'auth.unauthorized': [401, 'Authentication required'],
  'auth.session_ended': [401, 'The console session has ended'],
  'auth.csrf_failed': [403, 'The request lacks the session’s CSRF token'],
  'permission.denied': [403, 'Permission denied'],
  'rate_limit.exceeded': [429, 'Too many requests'],
  'validation.failed': [400, 'The request is not valid'],
  'request.invalid_json': [400, 'The request body is not valid JSON'],
  'request.too_many': [400, 'The request asks for too much at once'],
  'request.too_large': [413, 'The request body is too large'],
  'request.unsupported_media_type': [415, 'Unsupported request body encoding'],
  'route.not_found': [404, 'No such endpoint'],
  'user.not_found': [404, 'User not found'],
  'user.username_taken': [409, 'The userName is already taken'],
  'user.version_mismatch': [412, 'The user has changed since you read it'],
  'seat.unavailable': [409, 'No seat is available'],
  'requirement.unmet': [409, 'A requirement of the product is not met'],
  'requirement.dependents': [409, 'Other licenses of the user require this one'],
  'requirement.would_break': [409, 'The change leaves running licenses without a requirement'],
  'number.not_owned': [409, "The number is not one of the tenant's numbers assigned to this user"],
  'number.pool_assigned': [409, 'The number is assigned to the user from the pool'],
  'terms.not_accepted': [422, 'The terms must be accepted'],
  'confirmation.required': [422, 'This needs explicit confirmation'],
  'assignment.invalid_state': [409, 'The assignment is not in a state that allows this'],
  'assignment.already_scheduled': [409, 'The user already has the product scheduled'],
  'subscription.quantity_exceeded': [409, 'The purchase has fewer seats left to cancel'],
  'subscription.seats_in_use': [409, 'The seats are still in use on that date'],
  'catalog.invalid': [400, 'The catalog change is not valid'],
  'product.in_use': [409, 'The product is still in use'],
  'product.invalid_state': [409, 'The product is not in a state that allows this'],
  'product.not_sellable': [409, 'The product is not sold: it cannot be assigned'],
  'number.invalid': [400, 'The phone number is not valid'],
  'number.unavailable': [409, 'The phone number is not available'],
  'number.invalid_state': [409, 'The phone number is not in a state that allows this'],
  'port_order.invalid_state': [409, 'The port order is not in a state that allows this'],
  'token.not_found': [404, 'Token not found'],
  'token.invalid_state': [409, 'The token is not in a state that allows this'],
  'token.last_owner': [409, "The tenant's last owner token cannot be revoked"],
  'settings.invalid': [400, 'The settings are not valid'],
  'service.unavailable': [503, 'Service unavailable'],
  'internal.error': [500, 'Internal server error'],
} as const satisfies Record<string, readonly [number, string]>;

export type ProblemCode = keyof typeof PROBLEMS;

/**
 * Status of a dotted code not in the table, from its last segment, so a feature's `product.not_found` or
 * `number.already_assigned` maps sensibly without touching this file.
 */
const STATUS_BY_SUFFIX: Array<[RegExp, number]> = [
  [/\.(\w+_)?not_found$/, 404],
  [/\.(already_\w+|\w+_taken|conflict|unavailable|unmet|invalid_state)$/, 409],
  [/\.version_mismatch$/, 412],
  [/\.denied$/, 403],
  [/\.(required|not_accepted)$/, 422],
  [/\.(invalid|invalid_\w+|failed)$/, 400],
];

export const statusOfCode = (code: string): number => {
  if (code in PROBLEMS) return PROBLEMS[code as ProblemCode][0];
  return STATUS_BY_SUFFIX.find(([pattern]) => pattern.test(code))?.[1] ?? 400;
};

/** The domain codes that name no entity; a route's resource names them (`not_found` → `user.not_found`). */
type GenericCode = 'not_found' | 'uniqueness' | 'precondition_failed';

/**
 * How a route's resource names the generic domain failures. `UserService` throws `not_found`; the users
 * routes turn that into `user.not_found` without the service knowing about HTTP or the admin API.
 */
export interface ResourceErrors {
  not_found: string;
  uniqueness: string;
  precondition_failed: string;
}

export const resourceErrors = (
  resource: string,
  overrides: Partial<ResourceErrors> = {},
): ResourceErrors => ({
  not_found: `${resource}.not_found`,
  uniqueness: `${resource}.already_exists`,
  precondition_failed: `${resource}.version_mismatch`,
  ...overrides,
});

const GENERIC: Record<string, string> = {
  not_found: 'resource.not_found',
  uniqueness: 'resource.already_exists',
  precondition_failed: 'resource.version_mismatch',
  invalid_value: 'validation.failed',
  invalid_syntax: 'validation.failed',
  invalid_filter: 'validation.failed',
  invalid_path: 'validation.failed',
  no_target: 'validation.failed',
  mutability: 'validation.failed',
  too_many: 'request.too_many',
  permission_denied: 'permission.denied',
  unauthorized: 'auth.unauthorized',
};

const isGeneric = (code: string): code is GenericCode =>
  code === 'not_found' || code === 'uniqueness' || code === 'precondition_failed';

/** The admin code of a DomainError: dotted codes pass through; generic ones are named by the route's resource. */
export function adminCodeOf(code: string, resource?: ResourceErrors): string {
  if (code.includes('.')) return code;
  if (resource && isGeneric(code)) return resource[code];
  return GENERIC[code] ?? 'internal.error';
}

const DATABASE_RETRY_SECONDS = 5;

export function problem(code: string, detail: string, extra: Partial<Problem> = {}): Problem {
  const status = extra.status ?? statusOfCode(code);
  const title = code in PROBLEMS ? PROBLEMS[code as ProblemCode][1] : (extra.title ?? defaultTitle(status));
  return {
    type: `urn:seatsync:problem:${code}`,
    title,
    status,
    detail,
    code,
    ...(extra.errors ? { errors: extra.errors } : {}),
    ...(extra.details ? { details: extra.details } : {}),
  };
}

/**
 * The admin API's error mapper — the one place (with the SCIM edge's) where an error becomes an HTTP status.
 * Anything it does not recognise is a 500; a database that cannot be reached is a 503, never a 404.
 */
export function toProblem(error: unknown, resource?: ResourceErrors): MappedProblem {
  const known = (p: Problem): MappedProblem => ({ problem: p, headers: {}, internal: false });
  if (error instanceof RequestValidationError) {
    return known(problem('validation.failed', error.message, { errors: error.errors }));
  }
  if (error instanceof ZodError) {
    const errors = fieldErrors('body', error);
    return known(problem('validation.failed', new RequestValidationError(errors).message, { errors }));
  }
  if (error instanceof DomainError) {
    const code = adminCodeOf(error.code, resource);
    if (code === 'internal.error') return unexpected();
    // A service names the fields of its input at fault; a route's input is its body, by the same names.
    const errors = error.fields?.map((f) => fieldError('body', f.path, f.message));
    return known(
      problem(code, error.message, {
        ...(error.details ? { details: error.details } : {}),
        ...(errors && errors.length > 0 ? { errors } : {}),
      }),
    );
  }
  const bodyError = error as { type?: unknown };
  if (bodyError.type === 'entity.parse.failed')
    return known(problem('request.invalid_json', 'The request body is not valid JSON'));
  if (bodyError.type === 'entity.too.large')
    return known(problem('request.too_large', 'The request body is larger than this server accepts'));
  if (bodyError.type === 'encoding.unsupported' || bodyError.type === 'charset.unsupported') {
    return known(problem('request.unsupported_media_type', 'Unsupported request body encoding or charset'));
  }
  if (isDatabaseUnavailable(error)) {
    return {
      problem: problem('service.unavailable', 'The service cannot reach its database; try again shortly'),
      headers: { 'Retry-After': String(DATABASE_RETRY_SECONDS) },
      internal: true,
    };
  }
  return unexpected();
}

const unexpected = (): MappedProblem => ({
  // The detail says nothing of the cause: stack traces and SQL stay in the log, keyed by the request id.
  problem: problem(
    'internal.error',
    'An unexpected error occurred; the request id in X-Request-Id identifies it in the logs',
  ),
  headers: {},
  internal: true,
});

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad request',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  412: 'Precondition failed',
  422: 'Unprocessable content',
};

const defaultTitle = (status: number) => STATUS_TITLES[status] ?? 'Error';

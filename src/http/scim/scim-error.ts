import SCIMMY from 'scimmy';
import { isDatabaseUnavailable } from '../../db/database-errors.js';
import { DomainError, type DomainErrorCode } from '../../domain-error.js';
import { FilterError } from '../../lib/scim-filter/index.js';
import { ERROR } from '../../lib/scim-schema/scim-schemas.js';

export interface ScimErrorResponse {
  status: number;
  body: { schemas: string[]; status: string; scimType?: string; detail: string };
  retryAfterSeconds?: number;
  /** Unexpected: log it with the request id. */
  internal: boolean;
}

const byCode: Record<DomainErrorCode, [number, string?]> = {
  not_found: [404],
  uniqueness: [409, 'uniqueness'],
  invalid_value: [400, 'invalidValue'],
  invalid_syntax: [400, 'invalidSyntax'],
  invalid_filter: [400, 'invalidFilter'],
  invalid_path: [400, 'invalidPath'],
  no_target: [400, 'noTarget'],
  mutability: [400, 'mutability'],
  precondition_failed: [412],
  too_many: [400, 'tooMany'],
  permission_denied: [403],
  unauthorized: [401],
  // Licensing codes only reach SCIM through a user change's side effects (suspension moving licenses).
  'terms.not_accepted': [400, 'invalidValue'],
  'confirmation.required': [400, 'invalidValue'],
  'seat.unavailable': [409],
  'requirement.unmet': [409],
  'requirement.dependents': [409],
  'requirement.would_break': [409],
  'number.not_owned': [409],
  'number.pool_assigned': [409],
  'assignment.invalid_state': [409],
  'assignment.already_scheduled': [409],
  'subscription.quantity_exceeded': [409],
  'subscription.seats_in_use': [409],
  'catalog.invalid': [400, 'invalidValue'],
  'product.in_use': [409],
  'product.invalid_state': [409],
  'product.not_sellable': [409],
  'number.invalid': [400, 'invalidValue'],
  'number.unavailable': [409],
  'number.invalid_state': [409],
  'port_order.invalid_state': [409],
  // Directory sync codes never come from a SCIM request; mapped for completeness of the table.
  'directory_sync.already_running': [409],
  'directory_sync.held_run_pending': [409],
  'directory_sync_run.invalid_state': [409],
  'contact_reconciliation.already_running': [409],
  'directory_connection.host_not_allowed': [400, 'invalidValue'],
  'directory_connection.secret_required': [400, 'invalidValue'],
  // Rules are evaluated inside SCIM membership changes, but failures there become conflicts, not errors.
  'rule.invalid': [400, 'invalidValue'],
  'rule.invalid_state': [409],
  'rule_hold.invalid_state': [409],
  // File imports are admin API only.
  'import.invalid_state': [409],
  'import.file_invalid': [400, 'invalidValue'],
  'import.too_many_rows': [400, 'tooMany'],
  // Tokens and settings are admin API only; mapped for completeness of the table.
  'token.invalid_state': [409],
  'token.last_owner': [409],
  'settings.invalid': [400, 'invalidValue'],
};

export const scimError = (status: number, detail: string, scimType?: string): ScimErrorResponse['body'] => ({
  schemas: [ERROR],
  status: String(status),
  ...(scimType ? { scimType } : {}),
  detail,
});

/**
 * The SCIM edge's error mapper (one of the two in seatsync; the other is the admin API's). Anything it does not
 * recognise is a 500, and a database that cannot be reached is a 503 — never a 404, which scimmy's own router
 * would have made of it.
 */
export function toScimError(error: unknown): ScimErrorResponse {
  const make = (
    status: number,
    detail: string,
    scimType?: string,
    extra: Partial<ScimErrorResponse> = {},
  ) => ({
    status,
    body: scimError(status, detail, scimType),
    internal: false,
    ...extra,
  });
  if (error instanceof DomainError) {
    const [status, scimType] = byCode[error.code];
    return make(status, error.message, scimType);
  }
  if (error instanceof FilterError) return make(400, error.message, error.code);
  if (error instanceof SCIMMY.Types.Error) return make(error.status, error.message, error.scimType);
  const bodyError = error as { type?: string; status?: number };
  if (bodyError.type === 'entity.parse.failed')
    return make(400, 'The request body is not valid JSON', 'invalidSyntax');
  if (bodyError.type === 'entity.too.large')
    return make(413, 'The request body is larger than this server accepts');
  if (bodyError.type === 'encoding.unsupported' || bodyError.type === 'charset.unsupported') {
    return make(415, 'Unsupported request body encoding');
  }
  if (isDatabaseUnavailable(error)) {
    return make(503, 'The service cannot reach its database; try again shortly', undefined, {
      retryAfterSeconds: 5,
      internal: true,
    });
  }
  return make(500, 'Internal server error', undefined, { internal: true });
}

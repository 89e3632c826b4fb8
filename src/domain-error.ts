/**
 * The one error base class of the domain. `code` is stable (clients and tests match on it); HTTP status is
 * decided by the two edge mappers (SCIM and admin API), never here.
 */
export type DomainErrorCode =
  | 'not_found'
  | 'uniqueness'
  | 'invalid_value'
  | 'invalid_syntax'
  | 'invalid_filter'
  | 'invalid_path'
  | 'no_target'
  | 'mutability'
  | 'precondition_failed'
  | 'too_many'
  | 'permission_denied'
  | 'unauthorized'
  // Licensing (catalog, seats, assignments, numbers): dotted like the admin API's problem codes.
  | 'terms.not_accepted'
  | 'confirmation.required'
  | 'seat.unavailable'
  | 'requirement.unmet'
  | 'requirement.dependents'
  | 'requirement.would_break'
  | 'number.not_owned'
  | 'number.pool_assigned'
  | 'assignment.invalid_state'
  | 'assignment.already_scheduled'
  | 'subscription.quantity_exceeded'
  | 'subscription.seats_in_use'
  | 'catalog.invalid'
  | 'product.in_use'
  | 'product.invalid_state'
  | 'product.not_sellable'
  | 'number.invalid'
  | 'number.unavailable'
  | 'number.invalid_state'
  | 'port_order.invalid_state'
  // Tokens and tenant settings.
  | 'token.invalid_state'
  | 'token.last_owner'
  | 'settings.invalid'
  // Directory sync (Entra ID pull).
  | 'directory_sync.already_running'
  | 'directory_sync.held_run_pending'
  | 'directory_connection.host_not_allowed'
  | 'directory_connection.secret_required'
  | 'directory_sync_run.invalid_state'
  | 'contact_reconciliation.already_running'
  // Group-to-license rules.
  | 'rule.invalid'
  | 'rule.invalid_state'
  | 'rule_hold.invalid_state'
  // File imports.
  | 'import.invalid_state'
  | 'import.file_invalid'
  | 'import.too_many_rows';

/**
 * A field of the input at fault: its path in the input as the service was given it (`['numbers', 'fixed']`,
 * `['userIds', 3]`), which the edges map to the request that carried it.
 */
export interface FieldFault {
  path: ReadonlyArray<string | number>;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly fields?: readonly FieldFault[],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** One field of the input at fault: the message is the error's and the field's. */
export const fieldFault = (
  code: DomainErrorCode,
  path: ReadonlyArray<string | number>,
  message: string,
  details?: Record<string, unknown>,
): DomainError => new DomainError(code, message, details, [{ path, message }]);

/** `error` as the fault of the input field at `path`, when it is a DomainError that names no field yet. */
export function atField(error: unknown, path: ReadonlyArray<string | number>): unknown {
  if (!(error instanceof DomainError) || error.fields?.length) return error;
  return new DomainError(error.code, error.message, error.details, [{ path, message: error.message }]);
}

/** The faults of an input that failed its zod schema inside a service, one per issue, with their paths. */
export function invalidInput(
  code: DomainErrorCode,
  issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>,
): DomainError {
  const fields = issues.map((i) => ({
    path: i.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: i.message,
  }));
  return new DomainError(
    code,
    fields.map((f) => `${f.path.join('.') || 'value'}: ${f.message}`).join('; '),
    undefined,
    fields,
  );
}

export const notFound = (what: string, id: string) => new DomainError('not_found', `${what} ${id} not found`);

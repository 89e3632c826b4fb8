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

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const notFound = (what: string, id: string) => new DomainError('not_found', `${what} ${id} not found`);

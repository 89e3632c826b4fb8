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
  | 'unauthorized';

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

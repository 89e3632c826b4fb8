// The one error this module throws for bad input. `code` is the SCIM scimType (RFC 7644 §3.12), so the
// SCIM error mapper can turn it into a 400 without parsing messages.

export type FilterErrorCode = 'invalidFilter' | 'invalidPath';

export class FilterError extends Error {
  override readonly name = 'FilterError';

  constructor(
    message: string,
    readonly code: FilterErrorCode = 'invalidFilter',
    /** 0-based character offset in the source text, when the error is a syntax error. */
    readonly position?: number,
  ) {
    super(message);
  }
}

/**
 * Whether an error means "the database cannot be reached or is going away" (→ 503), as opposed to a bug or a
 * bad statement (→ 500). Covers pg's socket errors, knex's pool timeout and PostgreSQL's connection-class
 * SQLSTATEs (08xxx), admin shutdown (57P01-57P03), too many connections (53300) and a statement cancelled at its
 * request's deadline (57014, see deadline-bound-transaction.ts).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code } = error as { code?: unknown };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH'].includes(code))
      return true;
    if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300', '57014'].includes(code)) return true;
  }
  return /Timeout acquiring a connection|Connection terminated|Query read timeout|connect ECONNREFUSED|Client has encountered a connection error/i.test(
    error.message,
  );
}

/** PostgreSQL's unique_violation. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === '23505';
}

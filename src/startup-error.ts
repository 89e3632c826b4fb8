/**
 * A reason the process cannot start that an operator fixes (a bad setting, a busy port, a data directory in use).
 * The CLI prints its message alone, without a stack, and exits non-zero.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

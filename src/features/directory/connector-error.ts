/**
 * How a directory source (a connector) fails: stable codes that callers branch on, not on messages. Part of the
 * directory source port (directory-source.ts); the codes are those of the Entra connector, the first implementation.
 */
export type ConnectorErrorCode =
  | 'auth.invalid_secret'
  | 'auth.secret_expired'
  | 'auth.unknown_client'
  | 'auth.unknown_tenant'
  | 'auth.failed'
  | 'graph.permission_denied'
  | 'graph.unauthorized'
  | 'graph.throttled'
  | 'graph.unavailable'
  | 'graph.invalid_response'
  | 'graph.request_failed'
  | 'delta.expired'
  | 'network.unreachable'
  | 'config.invalid';

/** Whether trying the same thing later can succeed without anyone changing configuration. */
const RETRYABLE: ReadonlySet<ConnectorErrorCode> = new Set([
  'graph.throttled',
  'graph.unavailable',
  'network.unreachable',
]);

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly code: ConnectorErrorCode;
  readonly retryable: boolean;
  /** HTTP status of the failing response, when there was one. */
  readonly status: number | undefined;

  constructor(
    code: ConnectorErrorCode,
    message: string,
    options: { retryable?: boolean; status?: number; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? RETRYABLE.has(code);
    this.status = options.status;
  }
}

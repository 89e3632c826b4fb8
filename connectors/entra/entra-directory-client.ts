import {
  AuthenticationHandler,
  Client,
  GraphError,
  HTTPMessageHandler,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import type { Middleware } from '@microsoft/microsoft-graph-client';
import { ConnectorError } from './connector-error.js';
import type { ConnectorErrorCode } from './connector-error.js';
import { silentLogger } from './connector-logger.js';
import type { ConnectorLogger } from './connector-logger.js';
import {
  DIRECTORY_USER_FIELDS,
  type DeltaPage,
  type DirectoryGroup,
  type DirectoryUser,
} from './directory-records.js';
import { GraphHostRewriteMiddleware } from './graph-host-rewrite-middleware.js';
import { DEFAULT_RETRY_POLICY, GraphRetryMiddleware, RequestOutcome } from './graph-retry-middleware.js';
import type { RetryPolicy } from './graph-retry-middleware.js';
import { graphErrorBodySchema, parseGroupsDeltaPage, parseUsersDeltaPage } from './graph-schemas.js';
import { connectorErrorFromMsal, DEFAULT_AUTHORITY_HOST, MsalTokenProvider } from './msal-token-provider.js';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com';

export interface EntraConnectionConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default `https://login.microsoftonline.com`; an `http://127.0.0.1:PORT` fake in tests. */
  authorityHost?: string;
  /** Default `https://graph.microsoft.com`; an `http://127.0.0.1:PORT` fake in tests. */
  graphBaseUrl?: string;
}

export interface EntraDirectoryClientOptions {
  /** `Prefer: odata.maxpagesize` for delta queries (Graph caps it at 999). */
  pageSize?: number;
  retry?: Partial<RetryPolicy>;
  logger?: ConnectorLogger;
}

export type TestConnectionResult =
  { ok: true } | { ok: false; code: ConnectorErrorCode; message: string; retryable: boolean };

/** Properties requested from users delta; `$expand=manager` adds `manager@delta`. */
export const USER_SELECT = [
  'id',
  ...DIRECTORY_USER_FIELDS,
  'accountEnabled',
  'onPremisesExtensionAttributes',
];

export const GROUP_SELECT = [
  'id',
  'displayName',
  'description',
  'mail',
  'mailNickname',
  'mailEnabled',
  'securityEnabled',
  'members',
];

/** An error code as Graph and Entra spell them (`Authorization_RequestDenied`); anything else is not repeated. */
const SAFE_CODE = /^[A-Za-z][\w.]{0,63}$/;

// Graph error codes that mean the delta state is gone and only a full sync can recover.
const RESYNC_CODES = new Set(['syncStateNotFound', 'syncStateInvalid', 'resyncRequired']);

/** Fewer attempts when an admin is waiting on a connection test. */
const TEST_CONNECTION_ATTEMPTS = 2;

/**
 * Reads users and groups of one Entra tenant through Microsoft Graph delta queries with an app
 * registration (client credentials). Build one per connection and keep it: the token cache lives
 * on it. Pages are yielded one at a time so the caller can commit each and resume from its link.
 */
export class EntraDirectoryClient {
  private readonly tokens: MsalTokenProvider;
  private readonly graph: Client;
  /** Where request URLs point: the public Graph root, rewritten in the chain for a local fake. */
  private readonly graphRoot: string;
  private readonly pageSize: number;

  constructor(config: EntraConnectionConfig, options: EntraDirectoryClientOptions = {}) {
    const logger = options.logger ?? silentLogger;
    const graphBaseUrl = (config.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
    const local = graphBaseUrl.startsWith('http://');
    this.graphRoot = local ? DEFAULT_GRAPH_BASE_URL : graphBaseUrl;
    this.pageSize = Math.min(Math.max(options.pageSize ?? 999, 1), 999);
    this.tokens = new MsalTokenProvider({
      tenantId: config.tenantId,
      clientId: config.clientId,
      clientSecret: config.clientSecret,
      authorityHost: config.authorityHost ?? DEFAULT_AUTHORITY_HOST,
      resource: DEFAULT_GRAPH_BASE_URL,
      logger,
    });
    const chain: Middleware[] = [
      new GraphRetryMiddleware({ ...DEFAULT_RETRY_POLICY, ...options.retry }, this.tokens, logger),
      new AuthenticationHandler(this.tokens),
      new TelemetryHandler(),
      ...(local ? [new GraphHostRewriteMiddleware(DEFAULT_GRAPH_BASE_URL, graphBaseUrl)] : []),
      new HTTPMessageHandler(),
    ];
    const host = new URL(this.graphRoot).host;
    this.graph = Client.initWithMiddleware({
      middleware: chain,
      defaultVersion: 'v1.0',
      // A sovereign or custom https Graph host must still get the token attached.
      ...(host === new URL(DEFAULT_GRAPH_BASE_URL).host ? {} : { customHosts: new Set([host]) }),
    });
  }

  /** Checks credentials and read permissions for users and groups, mapping failures to stable codes. */
  async testConnection(): Promise<TestConnectionResult> {
    try {
      try {
        await this.tokens.getAccessToken();
      } catch (error) {
        throw connectorErrorFromMsal(error);
      }
      await this.get(`${this.graphRoot}/v1.0/users?$top=1&$select=id`, TEST_CONNECTION_ATTEMPTS);
      await this.get(`${this.graphRoot}/v1.0/groups?$top=1&$select=id`, TEST_CONNECTION_ATTEMPTS);
      return { ok: true };
    } catch (error) {
      const failure =
        error instanceof ConnectorError
          ? error
          : new ConnectorError('graph.request_failed', 'Graph request failed');
      return { ok: false, code: failure.code, message: failure.message, retryable: failure.retryable };
    }
  }

  /**
   * Users delta: a full sync without a link, otherwise resumes from a stored nextLink or continues
   * from a deltaLink. Throws ConnectorError `delta.expired` when the link is no longer honoured.
   */
  usersDelta(link?: string): AsyncIterable<DeltaPage<DirectoryUser>> {
    const prefix = `${this.graphRoot}/v1.0/users/delta`;
    const start = link ?? `${prefix}?$select=${USER_SELECT.join(',')}&$expand=manager`;
    return this.pages(start, prefix, (body) => parseUsersDeltaPage(body, prefix));
  }

  /** Groups delta with membership changes (`members@delta`); same link rules as usersDelta. */
  groupsDelta(link?: string): AsyncIterable<DeltaPage<DirectoryGroup>> {
    const prefix = `${this.graphRoot}/v1.0/groups/delta`;
    const start = link ?? `${prefix}?$select=${GROUP_SELECT.join(',')}`;
    return this.pages(start, prefix, (body) => parseGroupsDeltaPage(body, prefix));
  }

  private async *pages<T>(
    start: string,
    prefix: string,
    parse: (body: unknown) => DeltaPage<T>,
  ): AsyncGenerator<DeltaPage<T>> {
    if (!start.startsWith(prefix)) {
      throw new ConnectorError(
        'config.invalid',
        `Not a link for ${prefix}: refusing to send the token elsewhere`,
      );
    }
    let url: string | undefined = start;
    while (url) {
      const page = parse(await this.get(url));
      yield page;
      url = page.nextLink;
    }
  }

  private async get(url: string, maxAttempts?: number): Promise<unknown> {
    const outcome = new RequestOutcome(maxAttempts);
    try {
      const body: unknown = await this.graph
        .api(url)
        .header('Prefer', `odata.maxpagesize=${this.pageSize}`)
        .middlewareOptions([outcome])
        .get();
      return body;
    } catch (error) {
      throw toConnectorError(error, outcome);
    }
  }
}

export function createEntraDirectoryClient(
  config: EntraConnectionConfig,
  options?: EntraDirectoryClientOptions,
): EntraDirectoryClient {
  return new EntraDirectoryClient(config, options);
}

function graphErrorCode(error: GraphError): string | undefined {
  if (error.code) return error.code;
  // Without a parsed body the SDK leaves `code` null; the raw body may still carry it.
  if (typeof error.body !== 'string') return undefined;
  try {
    const parsed = graphErrorBodySchema.safeParse(JSON.parse(error.body));
    return parsed.success ? parsed.data.error.code : undefined;
  } catch {
    return undefined;
  }
}

function toConnectorError(error: unknown, outcome: RequestOutcome): ConnectorError {
  if (error instanceof ConnectorError) return error;
  // The Graph SDK rewraps whatever a middleware threw; the original was kept on the outcome.
  const original = outcome.error;
  if (original instanceof ConnectorError) return original;
  if (original !== undefined) {
    return new ConnectorError(
      'network.unreachable',
      `Graph unreachable after ${outcome.attempts} attempts: ${String(original)}`,
      {
        cause: original,
      },
    );
  }
  if (!(error instanceof GraphError)) {
    return new ConnectorError('graph.request_failed', String(error), { cause: error });
  }
  const status = error.statusCode;
  const code = graphErrorCode(error);
  // Our words, the status and Graph's error code only: the remote message and body are never repeated, so a
  // misdirected request cannot make seatsync echo whatever the other end answered.
  const message = `Graph answered HTTP ${status}${code && SAFE_CODE.test(code) ? ` (${code})` : ''}`;
  if (status === 410 || (code !== undefined && RESYNC_CODES.has(code))) {
    return new ConnectorError('delta.expired', `Delta link expired, a full sync is needed (${message})`, {
      status,
      cause: error,
    });
  }
  if (status === 401) return new ConnectorError('graph.unauthorized', message, { status, cause: error });
  if (status === 403) return new ConnectorError('graph.permission_denied', message, { status, cause: error });
  if (status === 429) return new ConnectorError('graph.throttled', message, { status, cause: error });
  if (status >= 500) return new ConnectorError('graph.unavailable', message, { status, cause: error });
  if (status >= 200 && status < 300) {
    return new ConnectorError('graph.invalid_response', 'Unreadable Graph response', {
      status,
      cause: error,
    });
  }
  if (status === -1) return new ConnectorError('network.unreachable', error.message, { cause: error });
  return new ConnectorError('graph.request_failed', message, { status, cause: error });
}

import { AuthError, ConfidentialClientApplication, LogLevel, ServerError } from '@azure/msal-node';
import type { Configuration } from '@azure/msal-node';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { AuthorityNetworkClient } from './authority-network-client.js';
import { ConnectorError } from './connector-error.js';
import type { ConnectorErrorCode } from './connector-error.js';
import type { ConnectorLogger } from './connector-logger.js';

export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';

export interface MsalTokenProviderConfig {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** `https://…` is used as the authority; `http://…` (a local fake) is reached through the public one. */
  authorityHost: string;
  /** The resource whose `/.default` scope is requested, e.g. `https://graph.microsoft.com`. */
  resource: string;
  logger: ConnectorLogger;
}

// Entra error numbers (AADSTS…) that name a configuration mistake the admin can fix.
const AADSTS_CODES: Record<string, ConnectorErrorCode> = {
  '7000215': 'auth.invalid_secret',
  '7000222': 'auth.secret_expired',
  '700016': 'auth.unknown_client',
  '90002': 'auth.unknown_tenant',
  '900023': 'auth.unknown_tenant',
  '90013': 'auth.unknown_tenant',
};

const DESCRIPTIONS: Record<string, string> = {
  'auth.invalid_secret': 'Entra refused the client secret',
  'auth.secret_expired': 'The client secret has expired',
  'auth.unknown_client': 'Entra does not know this client id in the tenant',
  'auth.unknown_tenant': 'Entra does not know this tenant',
};

/** An error code as MSAL and Entra spell them (`invalid_client`); anything else is not repeated. */
const SAFE_CODE = /^[A-Za-z][\w.]{0,63}$/;

/**
 * Maps anything MSAL throws to a ConnectorError with a stable code. The message is seatsync's own words with the
 * AADSTS number, MSAL's error code and the HTTP status: never the token endpoint's text, so a misconfigured or
 * hostile endpoint cannot have its answer echoed to the admin.
 */
export function connectorErrorFromMsal(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  if (error instanceof AuthError) {
    const errorNo = error instanceof ServerError ? error.errorNo : undefined;
    const aadsts =
      errorNo !== undefined ? String(errorNo) : /AADSTS(\d+)/.exec(error.errorMessage ?? error.message)?.[1];
    const mapped = aadsts ? AADSTS_CODES[aadsts] : undefined;
    const status = error instanceof ServerError ? error.status : undefined;
    const facts = [
      aadsts && /^\d{1,10}$/.test(aadsts) ? `AADSTS${aadsts}` : null,
      error.errorCode && SAFE_CODE.test(error.errorCode) ? error.errorCode : null,
      status !== undefined ? `HTTP ${status}` : null,
    ].filter((fact) => fact !== null);
    const suffix = facts.length > 0 ? ` (${facts.join(', ')})` : '';
    if (mapped)
      return new ConnectorError(mapped, `${DESCRIPTIONS[mapped]}${suffix}`, { cause: error, status });
    if (error.errorCode === 'network_error') {
      return new ConnectorError('network.unreachable', `The identity platform did not answer${suffix}`, {
        cause: error,
      });
    }
    if (error.name === 'ClientConfigurationError') {
      return new ConnectorError('config.invalid', `The connection settings are not usable${suffix}`, {
        cause: error,
      });
    }
    // A 5xx from the token endpoint is Entra being unwell, not the configuration being wrong.
    const retryable = status !== undefined && (status >= 500 || status === 429);
    return new ConnectorError('auth.failed', `Entra refused the token request${suffix}`, {
      cause: error,
      status,
      retryable,
    });
  }
  return new ConnectorError('auth.failed', 'The token request failed', { cause: error });
}

/**
 * Client-credential tokens for one connection. One ConfidentialClientApplication per provider:
 * its in-memory cache is what keeps us from asking Entra for a token on every Graph call.
 */
export class MsalTokenProvider implements AuthenticationProvider {
  private readonly app: ConfidentialClientApplication;
  private readonly scopes: string[];
  private skipCacheOnce = false;

  constructor(config: MsalTokenProviderConfig) {
    const local = config.authorityHost.startsWith('http://');
    const authorityHost = local ? DEFAULT_AUTHORITY_HOST : config.authorityHost.replace(/\/+$/, '');
    const msalConfig: Configuration = {
      auth: {
        clientId: config.clientId,
        clientSecret: config.clientSecret,
        authority: `${authorityHost}/${encodeURIComponent(config.tenantId)}`,
      },
      system: {
        loggerOptions: {
          piiLoggingEnabled: false,
          logLevel: LogLevel.Warning,
          loggerCallback: (level, message) => {
            if (level <= LogLevel.Warning) config.logger.debug({ msal: message }, 'msal');
          },
        },
        ...(local
          ? {
              networkClient: new AuthorityNetworkClient(
                config.authorityHost.replace(/\/+$/, ''),
                DEFAULT_AUTHORITY_HOST,
              ),
            }
          : {}),
      },
    };
    this.app = new ConfidentialClientApplication(msalConfig);
    this.scopes = [`${config.resource.replace(/\/+$/, '')}/.default`];
  }

  /** Called by the Graph client's AuthenticationHandler before each request; served from cache when valid. */
  async getAccessToken(): Promise<string> {
    const skipCache = this.skipCacheOnce;
    this.skipCacheOnce = false;
    let result;
    try {
      result = await this.app.acquireTokenByClientCredential({ scopes: this.scopes, skipCache });
    } catch (error) {
      throw connectorErrorFromMsal(error);
    }
    if (!result?.accessToken) throw new ConnectorError('auth.failed', 'Entra returned no access token');
    return result.accessToken;
  }

  /** Graph rejected the cached token (revoked or expired early): the next call asks Entra again. */
  invalidate(): void {
    this.skipCacheOnce = true;
  }
}

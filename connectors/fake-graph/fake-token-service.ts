import { randomBytes, randomUUID } from 'node:crypto';

export interface FakeAppRegistration {
  clientId: string;
  clientSecret: string;
  /** Application permissions granted with admin consent, e.g. `User.Read.All`. */
  roles?: string[];
}

export interface FakeTenant {
  tenantId: string;
  /** Verified domains that may stand for the tenant id in the authority URL. */
  domains?: string[];
  apps: FakeAppRegistration[];
}

export interface TokenRequestRecord {
  at: Date;
  tenant: string;
  clientId: string | undefined;
  grantType: string | undefined;
  scope: string | undefined;
  outcome: 'issued' | string;
}

export interface AccessTokenInfo {
  tenantId: string;
  clientId: string;
  expiresAt: number;
}

/** The body and status of an Entra token endpoint error (the shape MSAL parses into ServerError). */
export interface AadErrorResponse {
  status: number;
  body: {
    error: string;
    error_description: string;
    error_codes: number[];
    timestamp: string;
    trace_id: string;
    correlation_id: string;
    error_uri: string;
  };
}

export type TokenOutcome =
  | {
      ok: true;
      body: { token_type: 'Bearer'; expires_in: number; ext_expires_in: number; access_token: string };
    }
  | { ok: false; error: AadErrorResponse };

export const DEFAULT_APP_ROLES = ['User.Read.All', 'GroupMember.Read.All'];

export function aadError(status: number, error: string, code: number, description: string): AadErrorResponse {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = new Date()
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://login.microsoftonline.com/error?code=${code}`,
    },
  };
}

/** The identity-platform half of the fake: app registrations, client-credential grants, issued tokens. */
export class FakeTokenService {
  readonly tokenRequests: TokenRequestRecord[] = [];
  private readonly tenants = new Map<string, FakeTenant>();
  private readonly tokens = new Map<string, AccessTokenInfo>();
  private readonly roles = new Map<string, Set<string>>();

  constructor(
    tenants: FakeTenant[],
    private tokenLifetimeSeconds: number,
  ) {
    for (const tenant of tenants) {
      this.tenants.set(tenant.tenantId.toLowerCase(), tenant);
      for (const domain of tenant.domains ?? []) this.tenants.set(domain.toLowerCase(), tenant);
      for (const app of tenant.apps) this.roles.set(app.clientId, new Set(app.roles ?? DEFAULT_APP_ROLES));
    }
  }

  findTenant(tenantOrDomain: string): FakeTenant | undefined {
    return this.tenants.get(tenantOrDomain.toLowerCase());
  }

  /** Replaces an app's granted permissions; applies to tokens already issued, so tests can flip it. */
  setAppRoles(clientId: string, roles: string[]): void {
    this.roles.set(clientId, new Set(roles));
  }

  appRoles(clientId: string): ReadonlySet<string> {
    return this.roles.get(clientId) ?? new Set();
  }

  /** Lifetime (seconds) of tokens issued from now on. */
  setTokenLifetime(seconds: number): void {
    this.tokenLifetimeSeconds = seconds;
  }

  /** Makes every issued token expired, as if the client kept a token past its lifetime. */
  expireAccessTokens(): void {
    for (const info of this.tokens.values()) info.expiresAt = 0;
  }

  /** Undefined when the token was never issued; an expired one is returned for the caller to judge. */
  lookup(token: string): AccessTokenInfo | undefined {
    return this.tokens.get(token);
  }

  issue(tenant: string, form: Record<string, unknown>): TokenOutcome {
    const str = (key: string): string | undefined =>
      typeof form[key] === 'string' ? (form[key] as string) : undefined;
    const clientId = str('client_id');
    const grantType = str('grant_type');
    const scope = str('scope');
    const outcome = this.decide(tenant, clientId, grantType, scope, str('client_secret'));
    this.tokenRequests.push({
      at: new Date(),
      tenant,
      clientId,
      grantType,
      scope,
      outcome: outcome.ok ? 'issued' : `AADSTS${outcome.error.body.error_codes[0] ?? ''}`,
    });
    return outcome;
  }

  private decide(
    tenantKey: string,
    clientId: string | undefined,
    grantType: string | undefined,
    scope: string | undefined,
    secret: string | undefined,
  ): TokenOutcome {
    const tenant = this.findTenant(tenantKey);
    if (!tenant) {
      return {
        ok: false,
        error: aadError(
          400,
          'invalid_request',
          90002,
          `Tenant '${tenantKey}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
        ),
      };
    }
    if (grantType !== 'client_credentials') {
      return {
        ok: false,
        error: aadError(
          400,
          'unsupported_grant_type',
          70003,
          `The app requested an unsupported grant type '${grantType ?? ''}'.`,
        ),
      };
    }
    if (!scope || !scope.split(' ').some((s) => s.endsWith('/.default'))) {
      return {
        ok: false,
        error: aadError(
          400,
          'invalid_scope',
          1002012,
          `The provided value for scope ${scope ?? ''} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier.`,
        ),
      };
    }
    const app = tenant.apps.find((a) => a.clientId === clientId);
    if (!app || !clientId) {
      return {
        ok: false,
        error: aadError(
          400,
          'unauthorized_client',
          700016,
          `Application with identifier '${clientId ?? ''}' was not found in the directory '${tenant.tenantId}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant.`,
        ),
      };
    }
    if (secret !== app.clientSecret) {
      return {
        ok: false,
        error: aadError(
          401,
          'invalid_client',
          7000215,
          `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
        ),
      };
    }
    const accessToken = `fake.${randomBytes(24).toString('base64url')}`;
    this.tokens.set(accessToken, {
      tenantId: tenant.tenantId,
      clientId,
      expiresAt: Date.now() + this.tokenLifetimeSeconds * 1000,
    });
    return {
      ok: true,
      body: {
        token_type: 'Bearer',
        expires_in: this.tokenLifetimeSeconds,
        ext_expires_in: this.tokenLifetimeSeconds,
        access_token: accessToken,
      },
    };
  }
}

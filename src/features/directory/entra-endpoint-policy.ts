import { DomainError } from '../../domain-error.js';

/**
 * Where a connection may send its client secret and tokens. An admin picks `authorityHost` and `graphBaseUrl`;
 * without this check an owner could point them at any address (the cloud metadata service, the database port,
 * a host of their own) and have seatsync POST the decrypted secret there.
 *
 * Allowed by default: the Microsoft identity platform and Graph hosts of the public cloud and the national clouds
 * Microsoft still runs (US Government L4/L5, China operated by 21Vianet), over https on the default port, with
 * no path, credentials, query or fragment. The operator setting ENTRA_EXTRA_HOSTS adds host names (any scheme,
 * any port) for a local fake directory in development and tests; it is empty by default.
 */
export const ENTRA_AUTHORITY_HOSTS: readonly string[] = [
  'login.microsoftonline.com',
  'login.microsoft.com',
  'login.windows.net',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
];

export const GRAPH_HOSTS: readonly string[] = [
  'graph.microsoft.com',
  'graph.microsoft.us',
  'dod-graph.microsoft.us',
  'microsoftgraph.chinacloudapi.cn',
];

export type EndpointField = 'authorityHost' | 'graphBaseUrl';

export class EntraEndpointPolicy {
  private readonly extraHosts: ReadonlySet<string>;

  /** `extraHosts`: lower-case host names (no port) the operator allows besides Microsoft's. */
  constructor(extraHosts: readonly string[] = []) {
    this.extraHosts = new Set(extraHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
  }

  /** Why `url` may not be used for `field`, or null when it may. Pure: no DNS, no request. */
  problem(field: EndpointField, url: string): string | null {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return 'is not a URL';
    }
    if (parsed.username || parsed.password) return 'must not carry credentials';
    if (parsed.search || parsed.hash) return 'must not have a query or fragment';
    if (parsed.pathname !== '/' && parsed.pathname !== '') return 'must be an origin, without a path';
    const host = parsed.hostname.toLowerCase();
    if (this.extraHosts.has(host)) {
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? null : 'must be http or https';
    }
    const allowed = field === 'authorityHost' ? ENTRA_AUTHORITY_HOSTS : GRAPH_HOSTS;
    if (!allowed.includes(host)) {
      return `must be a Microsoft ${field === 'authorityHost' ? 'identity platform' : 'Graph'} host (${allowed.join(', ')})`;
    }
    if (parsed.protocol !== 'https:') return 'must use https';
    if (parsed.port !== '') return 'must use the default https port';
    return null;
  }

  /** Throws `directory_connection.host_not_allowed` when `url` is set and not allowed for `field`. */
  check(field: EndpointField, url: string | null | undefined): void {
    if (url === null || url === undefined) return;
    const problem = this.problem(field, url);
    if (problem) {
      // Named as the field at fault too, so a form shows the reason under the field.
      throw new DomainError('directory_connection.host_not_allowed', `${field} ${problem}`, { field }, [
        { path: [field], message: problem },
      ]);
    }
  }
}

/** Settings that decide where the stored secret goes: changing one needs the secret again in the same request. */
const SECRET_BOUND = ['entraTenantId', 'clientId', 'authorityHost', 'graphBaseUrl'] as const;

/**
 * Throws `directory_connection.secret_required` when an update changes where the stored secret would be sent
 * (tenant, client, authority or Graph host) without giving the secret again: the secret belongs to the
 * destination it was entered for, never to one chosen after it was stored.
 */
export function requireSecretForRetarget(
  update: Partial<Record<(typeof SECRET_BOUND)[number], string | null>> & { clientSecret?: string },
  current: Record<(typeof SECRET_BOUND)[number], string | null>,
): void {
  if (update.clientSecret !== undefined) return;
  const changed = SECRET_BOUND.filter(
    (key) => update[key] !== undefined && (update[key] ?? null) !== (current[key] ?? null),
  );
  if (changed.length > 0) {
    const message = `Changing ${changed.join(', ')} needs clientSecret in the same request`;
    throw new DomainError('directory_connection.secret_required', message, { changed }, [
      { path: ['clientSecret'], message: `is required when changing ${changed.join(', ')}` },
    ]);
  }
}

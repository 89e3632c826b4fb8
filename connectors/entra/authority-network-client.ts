import { AuthError } from '@azure/msal-node';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';

/**
 * MSAL's HTTP client for a local identity platform. MSAL refuses non-https authorities, so the
 * authority stays `https://login.microsoftonline.com/{tenant}` (whose metadata MSAL has built in,
 * so no discovery call is made) and only the transport is pointed at the local origin.
 */
export class AuthorityNetworkClient implements INetworkModule {
  constructor(
    private readonly localOrigin: string,
    private readonly publicOrigin: string,
  ) {}

  sendGetRequestAsync<T>(
    url: string,
    options?: NetworkRequestOptions,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    return this.send<T>('GET', url, options, timeout);
  }

  sendPostRequestAsync<T>(url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    return this.send<T>('POST', url, options);
  }

  private async send<T>(
    method: 'GET' | 'POST',
    url: string,
    options: NetworkRequestOptions | undefined,
    timeout?: number,
  ): Promise<NetworkResponse<T>> {
    if (!url.startsWith(this.publicOrigin)) {
      // Anything else would leave the machine; a local setup must never do that silently.
      throw new AuthError('network_error', '', `Refusing request outside ${this.publicOrigin}: ${url}`);
    }
    const target = this.localOrigin + url.slice(this.publicOrigin.length);
    let response: Response;
    try {
      response = await fetch(target, {
        method,
        headers: options?.headers ?? {},
        ...(method === 'POST' ? { body: options?.body ?? '' } : {}),
        ...(timeout ? { signal: AbortSignal.timeout(timeout) } : {}),
      });
    } catch (error) {
      // Same error code as MSAL's own client, so callers classify both alike.
      throw new AuthError(
        'network_error',
        '',
        `Network request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    let body: T;
    try {
      body = (await response.json()) as T;
    } catch {
      // JSON.parse's message quotes the text it choked on: say what failed, not what was answered.
      throw new AuthError('token_parsing_error', '', `The answer (HTTP ${response.status}) is not JSON`);
    }
    return { headers, body, status: response.status };
  }
}

import type { TokenIdentity, TokenService } from './token-service.js';
import { hashToken } from './token-service.js';

/**
 * Verifies bearer tokens for every request. A verified identity is cached in this process for a few seconds so
 * the hot path costs no extra query; the cache is keyed by the token's hash (the secret is not kept), and a
 * revocation reaches other processes within the cache time (TOKEN_CACHE_SECONDS).
 */
export class TokenVerifier {
  private readonly cache = new Map<string, { identity: TokenIdentity; until: number }>();
  private readonly lastTouched = new Map<string, number>();

  constructor(
    private readonly tokens: () => TokenService,
    private readonly cacheMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  async verify(token: string): Promise<TokenIdentity | null> {
    const key = hashToken(token).toString('base64');
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.identity;
    const identity = await this.tokens().identify(token);
    if (!identity) {
      this.cache.delete(key);
      return null;
    }
    if (this.cacheMs > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(key, { identity, until: now + this.cacheMs });
    }
    this.recordUse(identity.tokenId, now);
    return identity;
  }

  /** Drops cached identities of a revoked token in this process at once. */
  forget(tokenId: string): void {
    for (const [key, entry] of this.cache) if (entry.identity.tokenId === tokenId) this.cache.delete(key);
  }

  private recordUse(tokenId: string, now: number): void {
    if ((this.lastTouched.get(tokenId) ?? 0) > now - 60_000) return;
    this.lastTouched.set(tokenId, now);
    // Best effort and off the request path: a failed last-used write must not fail the request.
    this.tokens().touch(tokenId).catch(this.onError);
  }
}

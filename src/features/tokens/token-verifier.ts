import type { TokenIdentity, TokenService } from './token-service.js';
import { hashToken } from './token-service.js';

/** How stale a cached identity may be: a revocation in any process takes effect in this one within this time. */
export const REVOCATION_CHECK_MS = 1000;

/**
 * Verifies bearer tokens for every request. A verified identity is cached in this process (keyed by the token's
 * hash; the secret is not kept) so the hot path costs no query. Revocations made by other processes are picked
 * up by one cheap query at most once per second (REVOCATION_CHECK_MS), run before a cached identity is
 * trusted, so a revoked token stops working everywhere within a second while the cache still saves the lookup
 * on every other request. Polling rather than LISTEN/NOTIFY: the embedded PostgreSQL (PGlite) has no NOTIFY,
 * and one query a second per process is the same on both databases.
 */
export class TokenVerifier {
  private readonly cache = new Map<string, { identity: TokenIdentity; until: number }>();
  private readonly lastTouched = new Map<string, number>();
  private checkedAt: { local: number; database: Date | null } = { local: 0, database: null };
  private pendingCheck: Promise<void> | null = null;

  constructor(
    private readonly tokens: () => TokenService,
    private readonly cacheMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly revocationCheckMs = REVOCATION_CHECK_MS,
  ) {}

  async verify(token: string): Promise<TokenIdentity | null> {
    const key = hashToken(token).toString('base64');
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) {
      await this.dropRevoked();
      if (this.cache.get(key) === hit) return hit.identity;
    }
    const now = Date.now();
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

  /**
   * At most once per interval, asks the database which tokens were revoked since the previous check and forgets
   * them. Concurrent requests share one check. If the check fails the cache is emptied, so tokens are looked up
   * afresh rather than trusted without a check.
   */
  private async dropRevoked(): Promise<void> {
    if (Date.now() - this.checkedAt.local < this.revocationCheckMs) return;
    this.pendingCheck ??= (async () => {
      const startedAt = Date.now();
      try {
        const { ids, checkedAt } = await this.tokens().revokedSince(this.checkedAt.database);
        for (const id of ids) this.forget(id);
        this.checkedAt = { local: startedAt, database: checkedAt };
      } catch (error) {
        this.cache.clear();
        this.onError(error);
      }
    })().finally(() => {
      this.pendingCheck = null;
    });
    await this.pendingCheck;
  }

  private recordUse(tokenId: string, now: number): void {
    if ((this.lastTouched.get(tokenId) ?? 0) > now - 60_000) return;
    this.lastTouched.set(tokenId, now);
    // Best effort and off the request path: a failed last-used write must not fail the request.
    this.tokens().touch(tokenId).catch(this.onError);
  }
}

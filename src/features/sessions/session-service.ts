import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EventLog } from '../events/event-log.js';
import type { TokenIdentity } from '../tokens/token-service.js';
import type { SessionEndReason, SessionRow, SessionStore } from './session-store.js';

/** How long a console session lives: idle (no request) and absolute (from sign-in, whatever the activity). */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** A running console session: who it is (the identity every admin route checks) and its expiries. */
export interface ConsoleSession {
  id: string;
  identity: TokenIdentity;
  tokenLabel: string | null;
  csrfToken: string;
  createdAt: Date;
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
}

export type SessionLookup =
  | { state: 'running'; session: ConsoleSession; touch: boolean }
  | { state: 'ended'; sessionId: string; reason: SessionEndReason; alreadyEnded: boolean }
  | { state: 'unknown' };

// A request moves the idle expiry on, but writing on every request would turn each console read into a write:
// the expiry moves at most once a minute, which the idle timeout (minutes) cannot tell apart.
const TOUCH_INTERVAL_MS = 60_000;
const PURGE_AFTER_MS = 7 * 24 * 3600_000;

const hashSecret = (secret: string) => createHash('sha256').update(secret, 'utf8').digest();

/**
 * Console sessions. Sign-in turns a verified principal (today an admin token) into a session whose secret goes
 * to the browser in an httpOnly cookie; every request with the cookie is checked here and acts as the principal,
 * with the principal's current role (a revoked token ends its sessions). Another sign-in method (a directory
 * account) only needs its own way to reach `start` with an identity.
 */
export class SessionService {
  constructor(
    private readonly store: SessionStore,
    private readonly events: EventLog,
    private readonly policy: SessionPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Opens a session for an admin token's identity; the secret is returned once, for the cookie. */
  async start(identity: TokenIdentity): Promise<{ secret: string; session: ConsoleSession }> {
    if (identity.kind !== 'admin') throw new Error('Only an admin identity can open a console session');
    const now = this.now();
    await this.store.purge(new Date(now.getTime() - PURGE_AFTER_MS), 100);
    const secret = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const absoluteExpiresAt = new Date(now.getTime() + this.policy.absoluteMs);
    const idleExpiresAt = new Date(Math.min(now.getTime() + this.policy.idleMs, absoluteExpiresAt.getTime()));
    const id = await this.store.insert({
      tenantId: identity.tenantId,
      tokenId: identity.tokenId,
      secretHash: hashSecret(secret),
      csrfToken,
      idleExpiresAt,
      absoluteExpiresAt,
    });
    await this.events.append({
      tenantId: identity.tenantId,
      actor: { type: 'token', id: identity.tokenId },
      entityType: 'session',
      entityId: id,
      action: 'session.started',
      after: { method: 'admin_token', idleExpiresAt, absoluteExpiresAt },
    });
    return {
      secret,
      session: {
        id,
        identity,
        tokenLabel: null,
        csrfToken,
        createdAt: now,
        idleExpiresAt,
        absoluteExpiresAt,
      },
    };
  }

  /** What a cookie's secret stands for now. Reads only: ending or touching is the caller's next step. */
  async lookup(secret: string): Promise<SessionLookup> {
    const row = await this.store.findBySecretHash(hashSecret(secret));
    if (!row) return { state: 'unknown' };
    const reason = endReason(row, this.now());
    if (reason) return { state: 'ended', sessionId: row.id, reason, alreadyEnded: row.endedAt !== null };
    return {
      state: 'running',
      session: toSession(row),
      touch: this.now().getTime() - row.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS,
    };
  }

  /** Moves a running session's idle expiry on from now. */
  async touch(sessionId: string): Promise<boolean> {
    return this.store.touch(sessionId, new Date(this.now().getTime() + this.policy.idleMs));
  }

  /** Ends a session (sign-out, or found expired or revoked) with its event; false when it had ended already. */
  async end(sessionId: string, reason: SessionEndReason): Promise<boolean> {
    const ended = await this.store.end(sessionId, reason);
    if (!ended) return false;
    await this.events.append({
      tenantId: ended.tenantId,
      actor: { type: 'token', id: ended.tokenId },
      entityType: 'session',
      entityId: sessionId,
      action: 'session.ended',
      after: { reason },
    });
    return true;
  }
}

/** Whether a state-changing request carries the session's CSRF token (compared in constant time). */
export function csrfTokenMatches(session: ConsoleSession, sent: string | undefined): boolean {
  if (!sent) return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(sent);
  return a.length === b.length && timingSafeEqual(a, b);
}

function endReason(row: SessionRow, now: Date): SessionEndReason | null {
  if (row.endedAt) return 'signed_out';
  if (row.tokenRevoked || row.role === null) return 'revoked';
  if (row.absoluteExpiresAt <= now) return 'expired';
  if (row.idleExpiresAt <= now) return 'idle';
  return null;
}

function toSession(row: SessionRow): ConsoleSession {
  return {
    id: row.id,
    identity: { tokenId: row.tokenId, tenantId: row.tenantId, kind: 'admin', role: row.role },
    tokenLabel: row.tokenLabel,
    csrfToken: row.csrfToken,
    createdAt: row.createdAt,
    idleExpiresAt: row.idleExpiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
  };
}

import { DomainError } from '../../domain-error.js';
import type { UserInput } from './user.js';

/**
 * Length limits of the user texts PostgreSQL indexes (in characters; at most 4 bytes each, so every indexed value
 * stays far below the ~2.7 KB a B-tree or GIN entry may take, whatever the script). They are generous for what
 * identity providers send: an Entra UPN is at most 113 characters, an e-mail address at most 254 (RFC 5321),
 * Entra object ids 36, Okta ids 20. A longer value is a 400 `invalidValue`, never a database error.
 */
export const USER_TEXT_LIMITS = {
  /** users.user_name: unique per tenant, case-insensitive. */
  userName: 256,
  /** users.external_id. */
  externalId: 256,
  /** Every `emails[].value`: the e-mail match index (users_email_keys) covers them. */
  email: 320,
} as const;

/**
 * The IdP's raw payload is kept opaque for support and re-mapping, but bounded: one request must not be able to
 * store a megabyte of unknown keys per user. Larger or deeper payloads are replaced by a note saying so.
 */
export const RAW_PAYLOAD_LIMITS = { bytes: 16 * 1024, depth: 10 } as const;

export function checkUserTexts(input: UserInput): void {
  tooLong('userName', input.userName, USER_TEXT_LIMITS.userName);
  if (input.externalId) tooLong('externalId', input.externalId, USER_TEXT_LIMITS.externalId);
  for (const email of input.profile.emails ?? []) {
    if (typeof email?.value === 'string') tooLong('emails.value', email.value, USER_TEXT_LIMITS.email);
  }
}

/** The raw payload as it will be stored: itself when within RAW_PAYLOAD_LIMITS, else a note of what was dropped. */
export function boundedRawPayload(raw: unknown): unknown {
  if (raw === undefined || raw === null) return raw;
  const bytes = Buffer.byteLength(JSON.stringify(raw));
  const depth = depthOf(raw);
  if (bytes <= RAW_PAYLOAD_LIMITS.bytes && depth <= RAW_PAYLOAD_LIMITS.depth) return raw;
  return { $dropped: { reason: 'payload over the stored limits', bytes, depth, limits: RAW_PAYLOAD_LIMITS } };
}

function tooLong(name: string, value: string, max: number): void {
  if (value.length > max) {
    throw new DomainError('invalid_value', `${name} is longer than ${max} characters (${value.length})`);
  }
}

/** Nesting depth, iteratively (a hostile payload may be deep; requests are already limited, jobs may not be). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const item of Object.values(current)) stack.push([item, depth + 1]);
  }
  return deepest;
}

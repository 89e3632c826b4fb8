import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Actor, EventLog } from '../events/event-log.js';
import type { UserReactions } from '../reactions.js';
import { DIRECTORY_WRITE, type ContactNumbers, type WritePolicy } from './contact-numbers.js';
import {
  deriveDisplayName,
  type MultiValue,
  type User,
  type UserInput,
  type UserProfile,
  type UserSource,
} from './user.js';
import type { ListUsersQuery, UserStore } from './user-store.js';
import { boundedRawPayload, checkUserTexts } from './user-limits.js';

/** The version a client last saw (If-Match); a mismatch is a precondition failure, checked under the row lock. */
export type ExpectedVersion = number | undefined;

/**
 * Users: create, replace, modify under a row lock, delete. Every method runs inside the caller's transaction and
 * records an event in it. Suspension is `active = false` (the user stays and stays findable); deletion hides the
 * user and frees the userName, while the row and its history stay for the audit trail.
 */
export class UserService {
  constructor(
    private readonly store: UserStore,
    private readonly events: EventLog,
    private readonly reactions: UserReactions,
    private readonly contactNumbers?: ContactNumbers,
  ) {}

  async get(tenantId: string, id: string, withGroups = true): Promise<User> {
    const user = isUuid(id) ? await this.store.find(tenantId, id, { withGroups }) : null;
    if (!user) throw notFound('User', id);
    return user;
  }

  list(tenantId: string, query: ListUsersQuery): Promise<{ total: number; users: User[] }> {
    return this.store.list(tenantId, query);
  }

  /** A page of users without the total (see UserStore.page). */
  page(tenantId: string, query: ListUsersQuery): Promise<User[]> {
    return this.store.page(tenantId, query);
  }

  async create(
    tenantId: string,
    input: UserInput,
    source: UserSource,
    actor: Actor,
    policy: WritePolicy = DIRECTORY_WRITE,
  ): Promise<User> {
    const settled = await this.settleNumbers(tenantId, null, {}, input, policy);
    const row = toRow(settled);
    // The row and its event in one statement; the event carries what is inserted, so nothing is read back.
    const id = randomUUID();
    const insert = this.store.insertStatement(tenantId, source, id, row);
    const after = snapshot({
      id,
      userName: row.user_name,
      externalId: row.external_id,
      displayName: row.display_name,
      active: row.active,
      profile: row.profile,
      version: 1,
    });
    const stored = await this.guardUnique(input.userName, () =>
      this.events.appendWith(insert.statement, [
        { tenantId, actor, action: 'user.created', entityType: 'user', entityId: id, after },
      ]),
    );
    if (!stored) throw new Error(`User ${id} was not inserted`);
    return insert.read(stored);
  }

  /**
   * Asks for the user's onboarding e-mail to `email`, in their preferred language: the event is what the outbox
   * turns into the e-mail, in this transaction (so it is sent exactly when the user's creation commits).
   */
  async requestOnboardingEmail(user: User, email: string, actor: Actor): Promise<void> {
    await this.events.append({
      tenantId: user.tenantId,
      actor,
      action: 'user.onboarding_requested',
      entityType: 'user',
      entityId: user.id,
      after: {
        email,
        language: user.profile.preferredLanguage,
        userName: user.userName,
        displayName: user.displayName,
      },
    });
  }

  /**
   * Creates many users in one statement (a directory's first sync brings tens of thousands), each active, with a
   * `user.created` event like create()'s. The caller chooses the ids (time-ordered ones fill the indexes in order).
   * A userName another user holds is not an error here: that user is left out of the result, for the caller to
   * report.
   */
  async createMany(
    tenantId: string,
    inputs: Array<{ id: string; userName: string; profile: UserProfile }>,
    source: UserSource,
    actor: Actor,
  ): Promise<string[]> {
    const rows = inputs.map(({ id, userName, profile }) => ({
      id,
      user_name: userName,
      display_name: deriveDisplayName(profile),
      profile,
    }));
    const inserted = await this.store.insertMany(tenantId, source, rows);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // The events carry what was inserted; the rows are not read back.
    await this.events.appendMany(
      inserted.flatMap(({ id, version }) => {
        const row = byId.get(id);
        if (!row) return [];
        const after = snapshot({
          id,
          userName: row.user_name,
          externalId: null,
          displayName: row.display_name,
          active: true,
          profile: row.profile,
          version,
        });
        return [
          { tenantId, actor, action: 'user.created', entityType: 'user' as const, entityId: id, after },
        ];
      }),
    );
    return inserted.map((r) => r.id);
  }

  /** The live users among `ids` (no lock: for a batch that compares before it modifies). */
  findMany(tenantId: string, ids: string[]): Promise<User[]> {
    return this.store.findMany(tenantId, ids);
  }

  /** Live users known by one of `keys` (lower-cased userNames and e-mails), see UserStore.findByLoginKeys. */
  findByLoginKeys(
    tenantId: string,
    keys: string[],
  ): Promise<Array<{ key: string; id: string; byName: boolean }>> {
    return this.store.findByLoginKeys(tenantId, keys);
  }

  /**
   * Locks the user, lets `change` compute the new state from the current one (a PATCH or a PUT), and saves it.
   * The lock makes concurrent modifications of one user apply one after the other, so none is lost.
   */
  async modify(
    tenantId: string,
    id: string,
    change: (current: User) => UserInput | Promise<UserInput>,
    actor: Actor,
    expectedVersion: ExpectedVersion,
    policy: WritePolicy = DIRECTORY_WRITE,
  ): Promise<User> {
    const current = await this.lock(tenantId, id, expectedVersion);
    const next = await this.settleNumbers(tenantId, id, current.profile, await change(current), policy);
    const row = toRow(next);
    if (sameState(current, row)) return current;
    const updated = await this.guardUnique(next.userName, () => this.store.update(tenantId, id, row));
    const action =
      current.active === updated.active
        ? 'user.updated'
        : updated.active
          ? 'user.reactivated'
          : 'user.suspended';
    await this.events.append({
      tenantId,
      actor,
      action,
      entityType: 'user',
      entityId: id,
      before: snapshot(current),
      after: snapshot(updated),
    });
    if (action === 'user.suspended') await this.reactions.userDeactivated(tenantId, id, actor);
    if (action === 'user.reactivated') await this.reactions.userReactivated(tenantId, id, actor);
    if (updated.active) {
      await this.reactions.userProfileChanged(
        tenantId,
        id,
        current.profile,
        updated.profile,
        policy.brokenLicenses,
        actor,
      );
      await this.reactions.userChanged(tenantId, id, actor);
    }
    return updated;
  }

  /** The write's phone numbers settled against the number pool (ContactNumbers), when it changes them. */
  private async settleNumbers(
    tenantId: string,
    id: string | null,
    before: User['profile'],
    next: UserInput,
    policy: WritePolicy,
  ): Promise<UserInput> {
    const had: MultiValue[] = before.phoneNumbers ?? [];
    const has: MultiValue[] = next.profile.phoneNumbers ?? [];
    // A write that leaves the numbers alone needs no pool read, unless it is a directory write that may have
    // dropped a pool number (a PUT without it), which only matters when the user had numbers at all.
    if (!this.contactNumbers || (isDeepStrictEqual(had, has) && (policy.by === 'admin' || had.length === 0)))
      return next;
    const phoneNumbers = await this.contactNumbers.settle(tenantId, id, had, has, policy.by);
    if (isDeepStrictEqual(phoneNumbers, has)) return next;
    return { ...next, profile: { ...next.profile, phoneNumbers } };
  }

  async delete(tenantId: string, id: string, actor: Actor, expectedVersion: ExpectedVersion): Promise<void> {
    const current = await this.lock(tenantId, id, expectedVersion);
    await this.store.markDeleted(tenantId, id);
    await this.reactions.userDeleted(tenantId, id, actor);
    await this.events.append({
      tenantId,
      actor,
      action: 'user.deleted',
      entityType: 'user',
      entityId: id,
      before: snapshot(current),
    });
    if (current.active) await this.reactions.userDeactivated(tenantId, id, actor);
  }

  private async lock(tenantId: string, id: string, expectedVersion: ExpectedVersion): Promise<User> {
    const current = isUuid(id) ? await this.store.find(tenantId, id, { forUpdate: true }) : null;
    if (!current) throw notFound('User', id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new DomainError(
        'precondition_failed',
        `User ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    return current;
  }

  private async guardUnique<T>(userName: string, write: () => Promise<T>): Promise<T> {
    // The unique index decides (no check-then-insert race); the caller's transaction then rolls back whole.
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError('uniqueness', `userName ${userName} is already taken`);
      throw error;
    }
  }
}

function toRow(input: UserInput) {
  const userName = input.userName.trim();
  if (!userName) throw new DomainError('invalid_value', 'userName must not be empty');
  checkUserTexts(input);
  return {
    user_name: userName,
    external_id: input.externalId ?? null,
    display_name: deriveDisplayName(input.profile),
    active: input.active,
    profile: input.profile,
    raw: boundedRawPayload(input.raw),
  };
}

function sameState(current: User, row: ReturnType<typeof toRow>): boolean {
  return (
    current.userName === row.user_name &&
    current.externalId === row.external_id &&
    current.active === row.active &&
    // Not JSON.stringify: the stored profile is jsonb, which PostgreSQL returns with its keys reordered, so a
    // PATCH that changes nothing would still bump the version and write an event.
    isDeepStrictEqual(current.profile, row.profile)
  );
}

/** What an event records of a user: the state, not the IdP's raw payload. */
function snapshot(
  user: Pick<User, 'id' | 'userName' | 'externalId' | 'displayName' | 'active' | 'profile' | 'version'>,
) {
  const { id, userName, externalId, displayName, active, profile, version } = user;
  return { id, userName, externalId, displayName, active, profile, version };
}

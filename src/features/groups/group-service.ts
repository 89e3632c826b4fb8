import { isUniqueViolation } from '../../db/database-errors.js';
import { DomainError, notFound } from '../../domain-error.js';
import { isUuid } from '../../lib/uuid.js';
import type { Actor, EventInput, EventLog } from '../events/event-log.js';
import type { MembershipReactions } from '../reactions.js';
import type { UserSource } from '../users/user.js';
import type { UserStore } from '../users/user-store.js';
import type { ExpectedVersion } from '../users/user-service.js';
import type { Group, GroupChange, GroupInput, MemberRef } from './group.js';
import type { GroupStore, ListGroupsQuery } from './group-store.js';
import { checkGroupText } from './group-limits.js';

/**
 * Groups and their membership. Every modification locks the group row first, so concurrent membership
 * changes to one group apply one after another and none is lost; membership itself changes by set operations
 * in SQL and never reads the whole group.
 */
/** One group whose membership a batch changed. */
export interface MembershipChange {
  groupId: string;
  /** User ids that became members. */
  added: string[];
  /** User ids that stopped being members. */
  removed: string[];
}

export class GroupService {
  constructor(
    private readonly store: GroupStore,
    private readonly users: UserStore,
    private readonly events: EventLog,
    private readonly reactions?: MembershipReactions,
  ) {}

  async get(tenantId: string, id: string, withMembers: boolean): Promise<Group> {
    const group = isUuid(id) ? await this.store.find(tenantId, id) : null;
    if (!group) throw notFound('Group', id);
    if (withMembers) group.members = (await this.store.membersOf(tenantId, [id])).get(id) ?? [];
    return group;
  }

  /** Display names of existing groups by id, for lists that name them (a deleted group is absent). */
  namesOf(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
    return this.store.namesOf(tenantId, [...new Set(ids)]);
  }

  async list(tenantId: string, query: ListGroupsQuery): Promise<{ total: number; groups: Group[] }> {
    const page = await this.store.list(tenantId, query);
    if (query.withMembers) {
      const members = await this.store.membersOf(
        tenantId,
        page.groups.map((g) => g.id),
      );
      for (const g of page.groups) g.members = members.get(g.id) ?? [];
    }
    return page;
  }

  async create(tenantId: string, input: GroupInput, source: UserSource, actor: Actor): Promise<Group> {
    const displayName = requireName(input.displayName);
    const members = await this.requireUsers(tenantId, input.members);
    const group = await guardUnique(displayName, () =>
      this.store.insert(tenantId, source, displayName, externalIdOf(input.externalId)),
    );
    const added = await this.store.addMembers(tenantId, group.id, members);
    const events: EventInput[] = [
      {
        tenantId,
        actor,
        action: 'group.created',
        entityType: 'group',
        entityId: group.id,
        after: snapshot(group),
      },
    ];
    if (added.length > 0) events.push(membersEvent(tenantId, actor, group.id, 'group.members_added', added));
    await this.events.appendMany(events);
    await this.reactions?.membershipChanged(tenantId, group.id, added, actor);
    return group;
  }

  /**
   * Creates many groups without members in one statement (a directory's first sync brings thousands), each with a
   * `group.created` event like create()'s. A name another group holds is not an error here: that name is left out
   * of the result, for the caller to report.
   */
  async createMany(
    tenantId: string,
    displayNames: string[],
    source: UserSource,
    actor: Actor,
  ): Promise<Group[]> {
    const created = await this.store.insertMany(tenantId, source, displayNames.map(requireName));
    await this.events.appendMany(
      created.map((group) => ({
        tenantId,
        actor,
        action: 'group.created',
        entityType: 'group' as const,
        entityId: group.id,
        after: snapshot(group),
      })),
    );
    return created;
  }

  /** The live groups among `ids`, locked in id order, for a batch that then changes them. */
  lockMany(tenantId: string, ids: string[]): Promise<Group[]> {
    return this.store.lockMany(tenantId, ids);
  }

  /** The live groups named one of `names` (case-insensitive), locked in id order. */
  lockByNames(tenantId: string, names: string[]): Promise<Group[]> {
    return this.store.lockByNames(tenantId, names);
  }

  /**
   * Changes the membership of many groups at once: one DELETE and one INSERT for the whole batch, so neither the
   * batch's nor a group's size costs a round trip per group. Records what changed as modify() does (a version bump
   * per group, `group.members_added` / `group.members_removed` events) and tells the membership listener per group,
   * in the caller's transaction. The caller holds the groups' row locks (lockMany). A user to add who is no longer
   * live is skipped. Returns what changed, per group.
   */
  async applyMembershipBatch(
    tenantId: string,
    remove: Array<{ groupId: string; userId: string }>,
    add: Array<{ groupId: string; userId: string }>,
    actor: Actor,
  ): Promise<MembershipChange[]> {
    const { removed, added } = await this.store.changeMembers(tenantId, remove, add);
    const changes = new Map<string, MembershipChange>();
    const changeOf = (groupId: string) => {
      let change = changes.get(groupId);
      if (!change) {
        change = { groupId, added: [], removed: [] };
        changes.set(groupId, change);
      }
      return change;
    };
    for (const { groupId, userId } of removed) changeOf(groupId).removed.push(userId);
    for (const { groupId, userId } of added) changeOf(groupId).added.push(userId);
    if (changes.size === 0) return [];
    await this.store.bumpVersions(tenantId, [...changes.keys()]);
    const events: EventInput[] = [];
    for (const change of changes.values()) {
      if (change.added.length > 0)
        events.push(membersEvent(tenantId, actor, change.groupId, 'group.members_added', change.added));
      if (change.removed.length > 0)
        events.push(membersEvent(tenantId, actor, change.groupId, 'group.members_removed', change.removed));
    }
    await this.events.appendMany(events);
    for (const change of changes.values())
      await this.reactions?.membershipChanged(
        tenantId,
        change.groupId,
        [...change.added, ...change.removed],
        actor,
      );
    return [...changes.values()];
  }

  async replace(
    tenantId: string,
    id: string,
    input: GroupInput,
    actor: Actor,
    expectedVersion: ExpectedVersion,
  ): Promise<Group> {
    return this.modify(
      tenantId,
      id,
      [
        { kind: 'set', displayName: input.displayName, externalId: input.externalId ?? null },
        { kind: 'replaceMembers', members: input.members },
      ],
      actor,
      expectedVersion,
    );
  }

  /** Applies `changes` in order, atomically (the caller's transaction) and under the group's row lock. */
  async modify(
    tenantId: string,
    id: string,
    changes: GroupChange[],
    actor: Actor,
    expectedVersion: ExpectedVersion,
  ): Promise<Group> {
    const current = await this.lock(tenantId, id, expectedVersion);
    const added = new Set<string>();
    const removed = new Set<string>();
    const note = (ids: string[], into: Set<string>, from: Set<string>) => {
      for (const userId of ids) if (!from.delete(userId)) into.add(userId);
    };
    let attributes: { display_name?: string; external_id?: string | null } = {};
    for (const change of changes) {
      switch (change.kind) {
        case 'set':
          if (change.displayName !== undefined) attributes.display_name = requireName(change.displayName);
          if (change.externalId !== undefined) attributes.external_id = externalIdOf(change.externalId);
          break;
        case 'addMembers': {
          // The members' check and the insert in one statement; unknown members then roll it back (refuseUnknown).
          const members = uniqueMembers(change.members).filter((m) => isUuid(m.userId));
          const result = await this.store.addKnownMembers(tenantId, id, members);
          if (!change.ignoreUnknown) refuseUnknown(change.members, result.known);
          note(result.added, added, removed);
          break;
        }
        case 'removeMembers':
          note(await this.store.removeMembers(tenantId, id, change.userIds.filter(isUuid)), removed, added);
          break;
        case 'removeMembersWhere':
          note(await this.store.removeMembersWhere(tenantId, id, change.where), removed, added);
          break;
        case 'replaceMembers': {
          const result = await this.store.replaceMembers(
            tenantId,
            id,
            await this.requireUsers(tenantId, change.members),
          );
          note(result.removed, removed, added);
          note(result.added, added, removed);
          break;
        }
      }
    }
    attributes = unchanged(current, attributes);
    if (Object.keys(attributes).length === 0 && added.size === 0 && removed.size === 0) return current;
    if (Object.keys(attributes).length === 0)
      return this.changeMembership(tenantId, id, added, removed, actor);
    const updated = await guardUnique(attributes.display_name ?? current.displayName, () =>
      this.store.update(tenantId, id, attributes),
    );
    const events: EventInput[] = [];
    if (Object.keys(attributes).length > 0) {
      events.push({
        tenantId,
        actor,
        action: 'group.updated',
        entityType: 'group',
        entityId: id,
        before: snapshot(current),
        after: snapshot(updated),
      });
    }
    if (added.size > 0) events.push(membersEvent(tenantId, actor, id, 'group.members_added', [...added]));
    if (removed.size > 0)
      events.push(membersEvent(tenantId, actor, id, 'group.members_removed', [...removed]));
    await this.events.appendMany(events);
    if (added.size > 0 || removed.size > 0)
      await this.reactions?.membershipChanged(tenantId, id, [...added, ...removed], actor);
    return updated;
  }

  /** Only the membership changed: the version bump and its events in one statement, then the reactions. */
  private async changeMembership(
    tenantId: string,
    id: string,
    added: Set<string>,
    removed: Set<string>,
    actor: Actor,
  ): Promise<Group> {
    const bump = this.store.bumpVersionStatement(tenantId, id);
    const events: EventInput[] = [];
    if (added.size > 0) events.push(membersEvent(tenantId, actor, id, 'group.members_added', [...added]));
    if (removed.size > 0)
      events.push(membersEvent(tenantId, actor, id, 'group.members_removed', [...removed]));
    const row = await this.events.appendWith(bump.statement, events);
    // The group is locked by this transaction (lock()), so the update finds it.
    if (!row) throw new Error(`Group ${id} vanished under its lock`);
    await this.reactions?.membershipChanged(tenantId, id, [...added, ...removed], actor);
    return bump.read(row);
  }

  async delete(tenantId: string, id: string, actor: Actor, expectedVersion: ExpectedVersion): Promise<void> {
    const current = await this.lock(tenantId, id, expectedVersion);
    const formerMembers = await this.store.markDeleted(tenantId, id);
    await this.events.append({
      tenantId,
      actor,
      action: 'group.deleted',
      entityType: 'group',
      entityId: id,
      before: snapshot(current),
    });
    await this.reactions?.membershipChanged(tenantId, id, formerMembers, actor);
  }

  /**
   * Drops a deleted user from every group (the users → groups reaction). Only the membership rows go: the user's
   * deletion is the event, and their licenses end through its own reaction.
   */
  async removeDeletedUser(tenantId: string, userId: string): Promise<void> {
    await this.store.removeUserEverywhere(tenantId, userId);
  }

  private async lock(tenantId: string, id: string, expectedVersion: ExpectedVersion): Promise<Group> {
    const current = isUuid(id) ? await this.store.find(tenantId, id, { forUpdate: true }) : null;
    if (!current) throw notFound('Group', id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new DomainError(
        'precondition_failed',
        `Group ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    return current;
  }

  /** Every id must be a live user of this tenant; otherwise the whole request is refused (nothing is written). */
  private async requireUsers(tenantId: string, members: MemberRef[]): Promise<MemberRef[]> {
    const unique = uniqueMembers(members);
    const known = await this.users.existingIds(tenantId, unique.map((m) => m.userId).filter(isUuid));
    refuseUnknown(unique, known);
    return unique;
  }
}

const uniqueMembers = (members: MemberRef[]): MemberRef[] => [
  ...new Map(members.map((m) => [m.userId, m])).values(),
];

/** A change naming members who are not live users of the tenant is refused, naming them. */
function refuseUnknown(members: MemberRef[], known: Set<string>): void {
  const unknown = [...new Set(members.map((m) => m.userId))].filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new DomainError(
      'invalid_value',
      `Unknown member id(s): ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''}`,
      { unknown },
    );
  }
}

function requireName(displayName: string): string {
  const trimmed = displayName.trim();
  if (!trimmed) throw new DomainError('invalid_value', 'displayName must not be empty');
  checkGroupText('displayName', trimmed);
  return trimmed;
}

function externalIdOf(externalId: string | null | undefined): string | null {
  checkGroupText('externalId', externalId);
  return externalId ?? null;
}

function unchanged(current: Group, attributes: { display_name?: string; external_id?: string | null }) {
  const result = { ...attributes };
  if (result.display_name === current.displayName) delete result.display_name;
  if (result.external_id === current.externalId) delete result.external_id;
  return result;
}

async function guardUnique(displayName: string, write: () => Promise<Group>): Promise<Group> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError('uniqueness', `A group named ${displayName} already exists`);
    throw error;
  }
}

function membersEvent(
  tenantId: string,
  actor: Actor,
  groupId: string,
  action: 'group.members_added' | 'group.members_removed',
  userIds: string[],
): EventInput {
  return { tenantId, actor, action, entityType: 'group', entityId: groupId, after: { userIds } };
}

function snapshot(group: Group) {
  const { id, displayName, externalId, version } = group;
  return { id, displayName, externalId, version };
}

import { randomUUID } from 'node:crypto';

export const EXTENSION_ATTRIBUTE_NAMES = Array.from(
  { length: 15 },
  (_, i) => `extensionAttribute${i + 1}`,
) as readonly string[];

export type ExtensionAttributes = Record<string, string | null>;

/** A user as the fake stores it. `managerId` is served as `manager@delta` / `/users/{id}/manager`. */
export interface FakeUser {
  id: string;
  userPrincipalName: string;
  mail: string | null;
  givenName: string | null;
  surname: string | null;
  displayName: string | null;
  jobTitle: string | null;
  department: string | null;
  businessPhones: string[];
  mobilePhone: string | null;
  officeLocation: string | null;
  usageLocation: string | null;
  preferredLanguage: string | null;
  accountEnabled: boolean;
  employeeId: string | null;
  onPremisesExtensionAttributes: ExtensionAttributes;
  managerId: string | null;
}

export type FakeUserPatch = Partial<Omit<FakeUser, 'id' | 'onPremisesExtensionAttributes'>> & {
  onPremisesExtensionAttributes?: Partial<ExtensionAttributes>;
};

export type FakeUserInput = FakeUserPatch & { id?: string; userPrincipalName: string };

export interface FakeGroup {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string;
  mail: string | null;
  mailEnabled: boolean;
  securityEnabled: boolean;
}

export type FakeGroupPatch = Partial<Omit<FakeGroup, 'id'>>;
export type FakeGroupInput = FakeGroupPatch & { id?: string; displayName: string };

/** Graph distinguishes a soft delete (restorable: reason "changed") from a hard delete ("deleted"). */
export type RemovalReason = 'changed' | 'deleted';

/**
 * A read-only base population of users computed on demand from an index, so a 100k-user directory
 * costs an id string per user instead of a full object (see generate-directory.ts).
 */
export interface UserPopulation {
  readonly size: number;
  idAt(index: number): string;
  userAt(index: number): FakeUser;
  indexOf(id: string): number | undefined;
}

export interface InitialGroup {
  group: FakeGroup;
  members: Iterable<string>;
}

/** What changed for one object between two sequence numbers, in order of first change. */
export interface ObjectChange {
  id: string;
  /** Created after `since`: the whole object is new to the caller. */
  created: boolean;
  /** Property names changed (Graph names; `manager` for the manager link). */
  fields: Set<string>;
  /** Group members added or removed; the current state decides which. */
  members: Set<string>;
  /** Managers the user had before a change of manager, reported as removed links. */
  formerManagers: Set<string>;
}

interface LogEntry {
  seq: number;
  kind: 'user' | 'group';
  id: string;
  created?: boolean;
  fields?: readonly string[];
  memberId?: string;
  formerManagerId?: string;
}

interface GroupState {
  group: FakeGroup;
  members: Set<string>;
}

const EMPTY_POPULATION: UserPopulation = {
  size: 0,
  idAt: () => {
    throw new RangeError('empty population');
  },
  userAt: () => {
    throw new RangeError('empty population');
  },
  indexOf: () => undefined,
};

function mergeExtensionAttributes(
  base: ExtensionAttributes,
  patch: Partial<ExtensionAttributes> | undefined,
): ExtensionAttributes {
  const merged = { ...base };
  for (const [name, value] of Object.entries(patch ?? {})) {
    if (value !== undefined) merged[name] = value;
  }
  return merged;
}

export function emptyExtensionAttributes(): ExtensionAttributes {
  const attributes: ExtensionAttributes = {};
  for (const name of EXTENSION_ATTRIBUTE_NAMES) attributes[name] = null;
  return attributes;
}

/**
 * The mutable directory behind the fake. Every mutation is appended to a change log with a sequence
 * number; delta links remember a sequence number and replay the log from there.
 */
export class FakeDirectory {
  private readonly population: UserPopulation;
  /** Users added after generation, in creation order (positions after the population's). */
  private readonly addedUserIds: string[] = [];
  /** Materialised users: every added user and every generated user that was modified. */
  private readonly userOverrides = new Map<string, FakeUser>();
  private readonly removedUsers = new Map<string, RemovalReason>();
  private readonly groupOrder: string[] = [];
  private readonly groups = new Map<string, GroupState>();
  private readonly removedGroups = new Map<string, RemovalReason>();
  private readonly log: LogEntry[] = [];
  private sequence = 0;

  constructor(init: { population?: UserPopulation; groups?: Iterable<InitialGroup> } = {}) {
    this.population = init.population ?? EMPTY_POPULATION;
    for (const { group, members } of init.groups ?? []) {
      this.groupOrder.push(group.id);
      this.groups.set(group.id, { group: { ...group }, members: new Set(members) });
    }
  }

  /** The sequence number of the latest change; a delta link taken now replays from here. */
  get seq(): number {
    return this.sequence;
  }

  /** Number of positions in user order (live and removed); used by full-sync paging. */
  get userPositions(): number {
    return this.population.size + this.addedUserIds.length;
  }

  get groupPositions(): number {
    return this.groupOrder.length;
  }

  get userCount(): number {
    let removedGenerated = 0;
    let removedAdded = 0;
    for (const id of this.removedUsers.keys()) {
      if (this.population.indexOf(id) === undefined) removedAdded += 1;
      else removedGenerated += 1;
    }
    return this.population.size - removedGenerated + this.addedUserIds.length - removedAdded;
  }

  get groupCount(): number {
    return this.groups.size;
  }

  userIdAt(position: number): string {
    if (position < this.population.size) return this.population.idAt(position);
    const id = this.addedUserIds[position - this.population.size];
    if (id === undefined) throw new RangeError(`no user at position ${position}`);
    return id;
  }

  groupIdAt(position: number): string {
    const id = this.groupOrder[position];
    if (id === undefined) throw new RangeError(`no group at position ${position}`);
    return id;
  }

  getUser(id: string): FakeUser | undefined {
    if (this.removedUsers.has(id)) return undefined;
    const override = this.userOverrides.get(id);
    if (override) return override;
    const index = this.population.indexOf(id);
    return index === undefined ? undefined : this.population.userAt(index);
  }

  userRemoval(id: string): RemovalReason | undefined {
    return this.removedUsers.get(id);
  }

  getGroup(id: string): FakeGroup | undefined {
    return this.groups.get(id)?.group;
  }

  groupRemoval(id: string): RemovalReason | undefined {
    return this.removedGroups.get(id);
  }

  /** Current members of a group, in insertion order. */
  groupMembers(id: string): string[] {
    const state = this.groups.get(id);
    return state ? [...state.members] : [];
  }

  groupMemberCount(id: string): number {
    return this.groups.get(id)?.members.size ?? 0;
  }

  isMember(groupId: string, userId: string): boolean {
    return this.groups.get(groupId)?.members.has(userId) ?? false;
  }

  addUser(input: FakeUserInput): FakeUser {
    const id = input.id ?? randomUUID();
    if (this.getUser(id) || this.removedUsers.has(id)) throw new Error(`user ${id} already exists`);
    const { onPremisesExtensionAttributes, ...rest } = input;
    const user: FakeUser = {
      mail: null,
      givenName: null,
      surname: null,
      displayName: null,
      jobTitle: null,
      department: null,
      businessPhones: [],
      mobilePhone: null,
      officeLocation: null,
      usageLocation: null,
      preferredLanguage: null,
      accountEnabled: true,
      employeeId: null,
      managerId: null,
      ...rest,
      id,
      onPremisesExtensionAttributes: mergeExtensionAttributes(
        emptyExtensionAttributes(),
        onPremisesExtensionAttributes,
      ),
    };
    this.userOverrides.set(id, user);
    this.addedUserIds.push(id);
    this.append({ kind: 'user', id, created: true });
    return user;
  }

  updateUser(id: string, patch: FakeUserPatch): FakeUser {
    const current = this.requireUser(id);
    const { onPremisesExtensionAttributes, ...rest } = patch;
    const next: FakeUser = {
      ...current,
      ...rest,
      id,
      onPremisesExtensionAttributes: mergeExtensionAttributes(
        current.onPremisesExtensionAttributes,
        onPremisesExtensionAttributes,
      ),
    };
    const fields = Object.keys(rest).map((key) => (key === 'managerId' ? 'manager' : key));
    if (onPremisesExtensionAttributes) fields.push('onPremisesExtensionAttributes');
    this.userOverrides.set(id, next);
    const formerManagerId =
      'managerId' in rest && current.managerId !== null && current.managerId !== next.managerId
        ? current.managerId
        : undefined;
    this.append({ kind: 'user', id, fields, ...(formerManagerId ? { formerManagerId } : {}) });
    return next;
  }

  disableUser(id: string): FakeUser {
    return this.updateUser(id, { accountEnabled: false });
  }

  /**
   * Soft delete by default (Entra keeps the user restorable for 30 days and delta reports
   * `reason: "changed"`); `permanent` reports `reason: "deleted"`. Either way Entra drops the
   * user's group memberships, which the fake records as member removals.
   */
  deleteUser(id: string, options: { permanent?: boolean } = {}): void {
    this.requireUser(id);
    for (const groupId of this.groupOrder) {
      if (this.groups.get(groupId)?.members.has(id)) this.removeMembers(groupId, [id]);
    }
    this.removedUsers.set(id, options.permanent ? 'deleted' : 'changed');
    this.userOverrides.delete(id);
    this.append({ kind: 'user', id });
  }

  createGroup(input: FakeGroupInput, members: Iterable<string> = []): FakeGroup {
    const id = input.id ?? randomUUID();
    if (this.groups.has(id) || this.removedGroups.has(id)) throw new Error(`group ${id} already exists`);
    const group: FakeGroup = {
      description: null,
      mailNickname: input.displayName.replace(/[^A-Za-z0-9]/g, '').slice(0, 64) || 'group',
      mail: null,
      mailEnabled: false,
      securityEnabled: true,
      ...input,
      id,
    };
    const memberSet = new Set<string>();
    for (const userId of members) {
      this.requireUser(userId);
      memberSet.add(userId);
    }
    this.groupOrder.push(id);
    this.groups.set(id, { group, members: memberSet });
    this.append({ kind: 'group', id, created: true });
    return group;
  }

  updateGroup(id: string, patch: FakeGroupPatch): FakeGroup {
    const state = this.requireGroup(id);
    state.group = { ...state.group, ...patch, id };
    this.append({ kind: 'group', id, fields: Object.keys(patch) });
    return state.group;
  }

  deleteGroup(id: string, options: { permanent?: boolean } = {}): void {
    this.requireGroup(id);
    this.groups.delete(id);
    this.removedGroups.set(id, options.permanent ? 'deleted' : 'changed');
    this.append({ kind: 'group', id });
  }

  addMembers(groupId: string, userIds: Iterable<string>): void {
    const state = this.requireGroup(groupId);
    for (const userId of userIds) {
      this.requireUser(userId);
      if (state.members.has(userId)) continue;
      state.members.add(userId);
      this.append({ kind: 'group', id: groupId, memberId: userId });
    }
  }

  removeMembers(groupId: string, userIds: Iterable<string>): void {
    const state = this.requireGroup(groupId);
    for (const userId of userIds) {
      if (!state.members.delete(userId)) continue;
      this.append({ kind: 'group', id: groupId, memberId: userId });
    }
  }

  /** Objects of one kind changed in (since, until], in order of their first change. */
  changesBetween(kind: 'user' | 'group', since: number, until: number): ObjectChange[] {
    const changes = new Map<string, ObjectChange>();
    for (let i = this.firstLogIndexAfter(since); i < this.log.length; i += 1) {
      const entry = this.log[i];
      if (!entry || entry.seq > until) break;
      if (entry.kind !== kind) continue;
      let change = changes.get(entry.id);
      if (!change) {
        change = {
          id: entry.id,
          created: false,
          fields: new Set(),
          members: new Set(),
          formerManagers: new Set(),
        };
        changes.set(entry.id, change);
      }
      if (entry.created) change.created = true;
      for (const field of entry.fields ?? []) change.fields.add(field);
      if (entry.memberId !== undefined) change.members.add(entry.memberId);
      if (entry.formerManagerId !== undefined) change.formerManagers.add(entry.formerManagerId);
    }
    return [...changes.values()];
  }

  private firstLogIndexAfter(seq: number): number {
    // The log is sorted by seq: binary search keeps incremental deltas cheap on a long log.
    let low = 0;
    let high = this.log.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.log[mid]?.seq ?? Infinity) <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  private append(entry: Omit<LogEntry, 'seq'>): void {
    this.sequence += 1;
    this.log.push({ ...entry, seq: this.sequence });
  }

  private requireUser(id: string): FakeUser {
    const user = this.getUser(id);
    if (!user) throw new Error(`user ${id} does not exist`);
    return user;
  }

  private requireGroup(id: string): GroupState {
    const state = this.groups.get(id);
    if (!state) throw new Error(`group ${id} does not exist`);
    return state;
  }
}

import { encodeDeltaState } from './delta-state.js';
import type { DeltaState } from './delta-state.js';
import type { FakeDirectory, FakeGroup, FakeUser, ObjectChange } from './fake-directory.js';

export const USER_PROPERTIES = [
  'id',
  'userPrincipalName',
  'mail',
  'givenName',
  'surname',
  'displayName',
  'jobTitle',
  'department',
  'businessPhones',
  'mobilePhone',
  'officeLocation',
  'usageLocation',
  'preferredLanguage',
  'accountEnabled',
  'employeeId',
  'onPremisesExtensionAttributes',
  'manager',
] as const;

/** What Graph returns for users without `$select`. */
export const DEFAULT_USER_SELECT = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
];

export const DEFAULT_GROUP_SELECT = [
  'id',
  'displayName',
  'description',
  'mailNickname',
  'mail',
  'mailEnabled',
  'securityEnabled',
];

export interface DeltaPageOptions {
  /** Always an https Graph root: the real SDK treats http links as relative paths. */
  publicGraphBaseUrl: string;
  /** Member references per page in groups delta; a bigger group continues on the next page. */
  groupMembersPerPage: number;
}

export interface DeltaPageBody {
  '@odata.context': string;
  value: Array<Record<string, unknown>>;
  '@odata.nextLink'?: string;
  '@odata.deltaLink'?: string;
}

interface GroupEntry {
  header: Record<string, unknown>;
  /** Undefined when members were not selected or did not change. */
  memberIds?: string[];
  removedMembers?: ReadonlySet<string>;
}

const USER_TYPE = '#microsoft.graph.user';

function renderUser(
  user: FakeUser,
  select: readonly string[],
  change?: ObjectChange,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: user.id };
  // On an update Graph sends the changed properties (and may send more); we send exactly those.
  const include = (name: string): boolean =>
    select.includes(name) && (change === undefined || change.created || change.fields.has(name));
  for (const name of select) {
    if (name === 'id' || name === 'manager' || !include(name)) continue;
    if (name in user) out[name] = user[name as keyof FakeUser];
  }
  if (include('manager')) {
    const links: Array<Record<string, unknown>> = [];
    if (user.managerId) links.push({ '@odata.type': USER_TYPE, id: user.managerId });
    for (const former of change?.formerManagers ?? []) {
      if (former !== user.managerId)
        links.push({ '@odata.type': USER_TYPE, id: former, '@removed': { reason: 'deleted' } });
    }
    if (links.length > 0 || change !== undefined) out['manager@delta'] = links;
  }
  return out;
}

function renderGroupHeader(
  group: FakeGroup,
  select: readonly string[],
  change?: ObjectChange,
): Record<string, unknown> {
  const out: Record<string, unknown> = { id: group.id };
  for (const name of select) {
    if (name === 'id' || name === 'members') continue;
    if (change && !change.created && !change.fields.has(name)) continue;
    if (name in group) out[name] = group[name as keyof FakeGroup];
  }
  return out;
}

function linkFor(options: DeltaPageOptions, state: DeltaState, kind: '$skiptoken' | '$deltatoken'): string {
  return `${options.publicGraphBaseUrl}/v1.0/${state.resource}/delta?${kind}=${encodeDeltaState(state)}`;
}

function contextFor(options: DeltaPageOptions, state: DeltaState): string {
  return `${options.publicGraphBaseUrl}/v1.0/$metadata#${state.resource}`;
}

/** Starts replaying the change log when a deltaLink is used: the window ends at "now". */
export function beginChanges(state: DeltaState, directory: FakeDirectory): DeltaState {
  return { ...state, phase: 'changes', until: directory.seq, cursor: 0, memberOffset: 0 };
}

function finish(
  state: DeltaState,
  items: Array<Record<string, unknown>>,
  options: DeltaPageOptions,
  next?: Partial<DeltaState>,
): DeltaPageBody {
  const body: DeltaPageBody = { '@odata.context': contextFor(options, state), value: items };
  if (next) {
    body['@odata.nextLink'] = linkFor(options, { ...state, ...next }, '$skiptoken');
  } else {
    const link: DeltaState = { ...state, phase: 'link', since: state.until, cursor: 0, memberOffset: 0 };
    body['@odata.deltaLink'] = linkFor(options, link, '$deltatoken');
  }
  return body;
}

export function renderUsersPage(
  directory: FakeDirectory,
  state: DeltaState,
  options: DeltaPageOptions,
): DeltaPageBody {
  const select = state.select ?? DEFAULT_USER_SELECT;
  const items: Array<Record<string, unknown>> = [];
  if (state.phase === 'full') {
    let position = state.cursor;
    for (; position < directory.userPositions && items.length < state.pageSize; position += 1) {
      const user = directory.getUser(directory.userIdAt(position));
      if (user) items.push(renderUser(user, select));
    }
    return finish(
      state,
      items,
      options,
      position < directory.userPositions ? { cursor: position } : undefined,
    );
  }
  const changes = directory.changesBetween('user', state.since, state.until);
  const end = Math.min(changes.length, state.cursor + state.pageSize);
  for (const change of changes.slice(state.cursor, end)) {
    const user = directory.getUser(change.id);
    const removal = directory.userRemoval(change.id);
    if (user) items.push(renderUser(user, select, change));
    else if (removal) items.push({ id: change.id, '@removed': { reason: removal } });
  }
  return finish(state, items, options, end < changes.length ? { cursor: end } : undefined);
}

export function renderGroupsPage(
  directory: FakeDirectory,
  state: DeltaState,
  options: DeltaPageOptions,
): DeltaPageBody {
  const select = state.select ?? DEFAULT_GROUP_SELECT;
  const withMembers = select.includes('members');
  let count: number;
  let entryAt: (index: number) => GroupEntry | undefined;
  if (state.phase === 'full') {
    count = directory.groupPositions;
    entryAt = (index) => {
      const group = directory.getGroup(directory.groupIdAt(index));
      if (!group) return undefined;
      return {
        header: renderGroupHeader(group, select),
        ...(withMembers ? { memberIds: directory.groupMembers(group.id) } : {}),
      };
    };
  } else {
    const changes = directory.changesBetween('group', state.since, state.until);
    count = changes.length;
    entryAt = (index) => {
      const change = changes[index];
      if (!change) return undefined;
      const group = directory.getGroup(change.id);
      if (!group) {
        const removal = directory.groupRemoval(change.id);
        return removal ? { header: { id: change.id, '@removed': { reason: removal } } } : undefined;
      }
      const header = renderGroupHeader(group, select, change);
      if (!withMembers) return { header };
      if (change.created) return { header, memberIds: directory.groupMembers(group.id) };
      if (change.members.size === 0) return { header };
      const memberIds = [...change.members];
      return {
        header,
        memberIds,
        removedMembers: new Set(memberIds.filter((id) => !directory.isMember(group.id, id))),
      };
    };
  }

  const items: Array<Record<string, unknown>> = [];
  let budget = options.groupMembersPerPage;
  let index = state.cursor;
  let offset = state.memberOffset;
  while (index < count && items.length < state.pageSize) {
    const entry = entryAt(index);
    if (!entry) {
      index += 1;
      offset = 0;
      continue;
    }
    const memberIds = entry.memberIds;
    const remaining = memberIds ? memberIds.length - offset : 0;
    if (remaining > 0 && budget === 0) break;
    const take = Math.min(remaining, budget);
    // A group too big for one page appears again on the next pages with only its id and the
    // next slice of members@delta, as Graph does; the caller merges them.
    const item: Record<string, unknown> = offset === 0 ? { ...entry.header } : { id: entry.header.id };
    if (memberIds) {
      item['members@delta'] = memberIds
        .slice(offset, offset + take)
        .map((id) =>
          entry.removedMembers?.has(id)
            ? { '@odata.type': USER_TYPE, id, '@removed': { reason: 'deleted' } }
            : { '@odata.type': USER_TYPE, id },
        );
    }
    items.push(item);
    budget -= take;
    if (take < remaining) {
      offset += take;
      break;
    }
    index += 1;
    offset = 0;
  }
  return finish(state, items, options, index < count ? { cursor: index, memberOffset: offset } : undefined);
}

import type { MultiValue, User, UserInput, UserProfile } from '../users/user.js';
import type { DirectoryUser } from './directory-source.js';
import type { SourceAttribute } from './directory-connection.js';

/**
 * A directory user as mirrored: the connector's DirectoryUser without its id, with every field the directory
 * has reported so far (incremental pages were merged over it, so absent here means never reported).
 */
export type MirroredUser = Omit<DirectoryUser, 'id' | 'removed'>;

/** A manager resolved to a seatsync user; undefined = the manager is not (yet) a seatsync user. */
export type ManagerResolver = (directoryId: string) => { value: string; displayName?: string } | undefined;

export interface MappingContext {
  mapping: ReadonlyMap<string, SourceAttribute>;
  /** Targets overwritten on every sync; the others are only filled while empty in seatsync. */
  owned: (target: string) => boolean;
  resolveManager: ManagerResolver;
}

export interface MappedProfile {
  profile: UserProfile;
  /** The user has a manager in the directory who is not a seatsync user yet. */
  managerPending: boolean;
}

/** The userName a directory user gets when seatsync creates it: the UPN, the one identifier every account has. */
export function userNameOf(user: MirroredUser): string | undefined {
  return user.userPrincipalName ?? user.mail ?? undefined;
}

function clean(value: string | null | undefined): string | null | undefined {
  if (value === undefined || value === null) return value;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** The directory's value for a source: undefined = never reported (leave seatsync alone), null = empty. */
export function sourceValue(user: MirroredUser, source: SourceAttribute): string | null | undefined {
  if (source.startsWith('extensionAttribute')) {
    if (user.extensionAttributes === undefined) return undefined;
    return clean(user.extensionAttributes[source] ?? null);
  }
  switch (source) {
    case 'businessPhones':
      return user.businessPhones === undefined ? undefined : clean(user.businessPhones[0] ?? null);
    case 'mail':
      // Accounts without a mailbox still sign in with their UPN, which is the address they are known by.
      if (user.mail === undefined) return undefined;
      return clean(user.mail) ?? clean(user.userPrincipalName ?? null);
    case 'manager':
      return user.managerId;
    case 'userPrincipalName':
      return clean(user.userPrincipalName);
    default:
      return clean(
        user[
          source as Exclude<keyof MirroredUser, 'businessPhones' | 'accountEnabled' | 'extensionAttributes'>
        ],
      );
  }
}

function isEmpty(profile: UserProfile, target: string): boolean {
  const [head, tail] = target.split('.') as [string, string | undefined];
  if (tail === undefined)
    return profile[head] === undefined || profile[head] === null || profile[head] === '';
  if (head === 'name') return !profile.name?.[tail];
  const list = profile[head];
  return !Array.isArray(list) || !(list as MultiValue[]).some((entry) => entry.type === tail && entry.value);
}

function setTyped(
  profile: UserProfile,
  head: 'emails' | 'phoneNumbers',
  type: string,
  value: string | null,
): void {
  const list: MultiValue[] = Array.isArray(profile[head])
    ? (profile[head] as MultiValue[]).map((e) => ({ ...e }))
    : [];
  const index = list.findIndex((entry) => entry.type === type);
  if (value === null) {
    if (index >= 0) list.splice(index, 1);
  } else if (index >= 0) {
    const entry = list[index];
    if (entry) entry.value = value;
  } else {
    const entry: MultiValue = { value, type };
    if (head === 'emails' && !list.some((e) => e.primary)) entry.primary = true;
    list.push(entry);
  }
  if (list.length > 0) profile[head] = list;
  else delete profile[head];
}

function setTarget(profile: UserProfile, target: string, value: string | null): void {
  const [head, tail] = target.split('.') as [string, string | undefined];
  if (tail === undefined) {
    if (value === null) delete profile[head];
    else profile[head] = value;
    return;
  }
  if (head === 'name') {
    const name = { ...(profile.name ?? {}) };
    if (value === null) delete name[tail];
    else name[tail] = value;
    if (Object.keys(name).length > 0) profile.name = name;
    else delete profile.name;
    return;
  }
  if (head === 'emails' || head === 'phoneNumbers') setTyped(profile, head, tail, value);
}

/**
 * The profile seatsync should hold for a directory user, starting from `current` (empty for a new user).
 * Directory-owned targets take the directory's value (null clears them); the others are filled only while
 * seatsync has nothing there, so an admin's edit is never overwritten.
 */
export function mapProfile(
  current: UserProfile,
  user: MirroredUser,
  context: MappingContext,
  creating: boolean,
): MappedProfile {
  const profile: UserProfile = structuredClone(current);
  let managerPending = false;
  for (const [target, source] of context.mapping) {
    let value = sourceValue(user, source);
    if (value === undefined) continue;
    if (!creating && !context.owned(target) && !isEmpty(profile, target)) continue;
    if (source === 'manager' && value !== null) {
      const manager = context.resolveManager(value);
      if (!manager) {
        managerPending = true;
        continue;
      }
      if (target === 'manager') {
        profile.manager = manager;
        continue;
      }
      value = manager.value;
    }
    setTarget(profile, target, value);
  }
  return { profile, managerPending };
}

/** Addresses a directory user may already be known by in seatsync (userName or an e-mail), lower-cased. */
export function matchKeys(user: MirroredUser): string[] {
  const keys = new Set<string>();
  for (const value of [user.mail, user.userPrincipalName]) {
    const cleaned = clean(value);
    if (cleaned) keys.add(cleaned.toLowerCase());
  }
  return [...keys];
}

/** A user's current state as input for UserService.modify, to change one part of it. */
export function inputOf(user: User): UserInput {
  return { userName: user.userName, externalId: user.externalId, active: user.active, profile: user.profile };
}

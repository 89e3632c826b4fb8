import {
  deriveDisplayName,
  type MultiValue,
  type User,
  type UserProfile,
} from '../../../features/users/user.js';
import type { AdminUser, CreateUserInput, UpdateUserInput } from './user-schemas.js';

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const multiValues = (value: unknown): MultiValue[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** The admin API's view of a user: the profile's directory attributes under the names an admin portal uses. */
export function toAdminUser(user: User): AdminUser {
  const { profile } = user;
  const emails = multiValues(profile.emails);
  const primaryEmail = emails.find((e) => e.primary === true) ?? emails[0];
  return {
    id: user.id,
    userName: user.userName,
    externalId: user.externalId,
    displayName: user.displayName,
    firstName: text(profile.name?.givenName),
    surname: text(profile.name?.familyName),
    email: text(primaryEmail?.value),
    emails,
    phoneNumbers: multiValues(profile.phoneNumbers),
    department: text(profile.department),
    title: text(profile.title),
    country: text(profile.country),
    language: text(profile.preferredLanguage),
    emergencyAddress: isObject(profile.emergencyAddress) ? profile.emergencyAddress : null,
    status: user.active ? 'active' : 'suspended',
    source: user.source,
    version: user.version,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

export function newUserProfile(input: {
  email: string;
  country: string;
  language: string;
  firstName?: string;
  surname?: string;
  department?: string;
}): UserProfile {
  const profile: UserProfile = {
    emails: [{ value: input.email, type: 'work', primary: true }],
    country: input.country,
    preferredLanguage: input.language,
  };
  if (input.firstName || input.surname) {
    profile.name = {
      ...(input.firstName ? { givenName: input.firstName } : {}),
      ...(input.surname ? { familyName: input.surname } : {}),
    };
  }
  if (input.department) profile.department = input.department;
  return profile;
}

export const createInputProfile = (
  body: CreateUserInput,
  defaults: { country: string; language: string },
): UserProfile =>
  newUserProfile({
    ...body,
    country: body.country ?? defaults.country,
    language: body.language ?? defaults.language,
  });

/**
 * Applies an admin's contact-detail edit to a profile. Only the fields present change; `null` removes one.
 * Attributes the admin API does not edit (manager, addresses, the IdP's extras) are kept as they are.
 */
export function applyContactChanges(current: UserProfile, change: UpdateUserInput): UserProfile {
  const profile: UserProfile = structuredClone(current);
  if (change.firstName !== undefined || change.surname !== undefined)
    rename(profile, change.firstName, change.surname);
  if (change.displayName !== undefined) setOrRemove(profile, 'displayName', change.displayName);
  if (change.department !== undefined) setOrRemove(profile, 'department', change.department);
  if (change.title !== undefined) setOrRemove(profile, 'title', change.title);
  if (change.country !== undefined) profile.country = change.country;
  if (change.language !== undefined) setOrRemove(profile, 'preferredLanguage', change.language);
  if (change.emergencyAddress !== undefined)
    setOrRemove(profile, 'emergencyAddress', change.emergencyAddress);
  for (const type of ['work', 'mobile'] as const) {
    const number = change.phoneNumbers?.[type];
    if (number !== undefined)
      profile.phoneNumbers = setPhone(multiValues(profile.phoneNumbers), type, number);
  }
  return profile;
}

function setOrRemove(profile: UserProfile, key: string, value: unknown): void {
  if (value === null) delete profile[key];
  else profile[key] = value;
}

/**
 * A display name or formatted name that was just "first last" follows a rename; one the directory or an admin
 * set to something else (a nickname, "Lovelace, Ada") is theirs and stays.
 */
function rename(profile: UserProfile, firstName: string | undefined, surname: string | undefined): void {
  const before = deriveDisplayName({
    name: { givenName: profile.name?.givenName, familyName: profile.name?.familyName },
  });
  const name = { ...profile.name };
  if (firstName !== undefined) name.givenName = firstName;
  if (surname !== undefined) name.familyName = surname;
  const after = deriveDisplayName({ name: { givenName: name.givenName, familyName: name.familyName } });
  if (name.formatted === before && after) name.formatted = after;
  if (profile.displayName === before && after) profile.displayName = after;
  profile.name = name;
}

/** Replaces the numbers of one type; the new one inherits `primary` from the one it replaces. */
function setPhone(numbers: MultiValue[], type: 'work' | 'mobile', value: string | null): MultiValue[] {
  const replaced = numbers.filter((n) => n.type === type);
  const kept = numbers.filter((n) => n.type !== type);
  if (value === null) return kept;
  const primary = replaced.some((n) => n.primary === true);
  return [...kept, { value, type, ...(primary ? { primary: true } : {}) }];
}

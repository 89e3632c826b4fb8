import { isDeepStrictEqual } from 'node:util';
import type { UserProfile } from '../users/user.js';
import type { ImportRowInput } from './import-row.js';

/**
 * The profile a row leaves a user with. A new user gets the row's fields and the tenant's country and language
 * where the row has none; an existing user (found by e-mail) gets the fields the row fills, and keeps the others:
 * an empty cell never clears anything. Phone numbers are not set here: pool numbers are assigned (which puts them
 * in the contact details) by the number service.
 */
export function planProfile(
  input: ImportRowInput,
  current: UserProfile | null,
  defaults: { country: string; language: string },
): { next: UserProfile; changed: string[] } {
  const next: UserProfile = current
    ? structuredClone(current)
    : {
        emails: [{ value: input.email, type: 'work', primary: true }],
        country: defaults.country,
        preferredLanguage: defaults.language,
      };
  if (input.firstName !== undefined || input.surname !== undefined) {
    next.name = {
      ...next.name,
      ...(input.firstName !== undefined ? { givenName: input.firstName } : {}),
      ...(input.surname !== undefined ? { familyName: input.surname } : {}),
    };
  }
  if (input.country !== undefined) next.country = input.country;
  if (input.language !== undefined) next.preferredLanguage = input.language;
  if (input.department !== undefined) next.department = input.department;
  if (input.title !== undefined) next.title = input.title;
  if (input.emergencyAddress !== undefined) next.emergencyAddress = { ...input.emergencyAddress };
  const changed = current
    ? Object.keys({ ...current, ...next }).filter((key) => !isDeepStrictEqual(current[key], next[key]))
    : [];
  return { next, changed };
}

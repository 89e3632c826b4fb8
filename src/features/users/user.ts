/**
 * A directory user as seatsync keeps it, independent of SCIM and Graph. `profile` carries the directory
 * attributes by their common names (the ones SCIM core, its enterprise extension, seatsync's telephony
 * extension and Graph share): name, displayName, emails, phoneNumbers, addresses, title, department,
 * employeeNumber, manager, country, preferredLanguage, emergencyAddress, … Edges map their formats onto it.
 */
export type UserSource = 'scim' | 'entra' | 'admin' | 'import';

export interface MultiValue {
  value?: string;
  type?: string;
  primary?: boolean;
  display?: string;
  [key: string]: unknown;
}

export interface UserProfile {
  name?: { givenName?: string; familyName?: string; formatted?: string; [key: string]: unknown };
  displayName?: string;
  emails?: MultiValue[];
  phoneNumbers?: MultiValue[];
  department?: string;
  title?: string;
  country?: string;
  preferredLanguage?: string;
  manager?: { value: string; displayName?: string };
  [attribute: string]: unknown;
}

export interface User {
  id: string;
  tenantId: string;
  userName: string;
  externalId: string | null;
  displayName: string | null;
  active: boolean;
  profile: UserProfile;
  source: UserSource;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Groups the user is a member of, when the query asked for them. */
  groups?: Array<{ id: string; displayName: string }>;
}

/** What a create or a full replace provides. */
export interface UserInput {
  userName: string;
  externalId?: string | null;
  active: boolean;
  profile: UserProfile;
  /** The identity provider's payload, kept opaque for support and re-mapping. */
  raw?: unknown;
}

/** The display name a person would expect: the directory's, else the formatted or given + family name. */
export function deriveDisplayName(profile: UserProfile): string | null {
  if (profile.displayName) return profile.displayName;
  if (profile.name?.formatted) return profile.name.formatted;
  const parts = [profile.name?.givenName, profile.name?.familyName].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : null;
}

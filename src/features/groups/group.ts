import type { UserSource } from '../users/user.js';
import type { SqlCondition } from '../users/user-store.js';

export interface GroupMember {
  userId: string;
  displayName: string | null;
}

export interface Group {
  id: string;
  tenantId: string;
  displayName: string;
  externalId: string | null;
  source: UserSource;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** Present only when the caller asked for members (they can be 50k+). */
  members?: GroupMember[];
}

/** A member as a directory names it: the user's id and, optionally, the label the directory gave it. */
export interface MemberRef {
  userId: string;
  display?: string;
}

export interface GroupInput {
  displayName: string;
  externalId?: string | null;
  members: MemberRef[];
}

/**
 * One step of a group modification, applied in order under the group's row lock. Membership steps are set
 * operations in SQL, so their cost does not grow with the group's size.
 */
export type GroupChange =
  | { kind: 'set'; displayName?: string; externalId?: string | null }
  /** `ignoreUnknown`: skip ids that name no user instead of refusing the change (see group-patch.ts). */
  | { kind: 'addMembers'; members: MemberRef[]; ignoreUnknown?: boolean }
  | { kind: 'removeMembers'; userIds: string[] }
  /** Removes the members whose user row matches a condition over alias `u` (a SCIM value filter). */
  | { kind: 'removeMembersWhere'; where: SqlCondition }
  | { kind: 'replaceMembers'; members: MemberRef[] };

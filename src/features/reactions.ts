import type { Actor } from './events/event-log.js';
import type { NumberKind } from './numbers/numbering-plan.js';
import type { UserProfile } from './users/user.js';
import type { WritePolicy } from './users/contact-numbers.js';

/**
 * What one feature does when another one's data changes: the whole list, in one place. A feature that makes
 * such a change is given the part of this interface it announces (`UserReactions` to UserService, …) and calls
 * it inside the transaction of the change; src/container.ts wires every reaction to the feature that reacts.
 *
 * Reactions run in the same transaction as the change, so a change and what follows from it commit together or
 * not at all, whichever edge (SCIM, admin API, Entra sync, job) made it. Work too large for one request is
 * queued durably in that same transaction and done by a job (the README's "Reactions" table lists which).
 */
export interface Reactions {
  /**
   * users → licensing: a user stopped being active (suspended or deleted). Their running licenses are
   * scheduled for removal after the tenant's suspension grace days.
   */
  userDeactivated(tenantId: string, userId: string, actor: Actor): Promise<void>;
  /**
   * users → groups: a user was deleted; the groups feature drops their memberships (no membership events and
   * no rule evaluation: `userDeactivated` already ends their licenses).
   */
  userDeleted(tenantId: string, userId: string, actor: Actor): Promise<void>;
  /** users → licensing: a suspended user is active again; what the suspension started to remove is restored. */
  userReactivated(tenantId: string, userId: string, actor: Actor): Promise<void>;
  /**
   * users → rules: an active user's attributes changed (or they were reactivated), so rules whose filter reads
   * them decide again for that user. Not delivered for the changes the rules engine makes itself while it
   * applies a user's grants (a number picked for a `pickNumbers` grant): the engine re-plans those users once
   * after applying, rather than starting a second evaluation inside the first.
   */
  userChanged(tenantId: string, userId: string, actor: Actor): Promise<void>;
  /**
   * groups → rules: users joined or left a group; rules sourced from that group decide again for them (in the
   * transaction up to INLINE_EVALUATION_LIMIT users, queued for the evaluate-rule-queue job above it).
   */
  membershipChanged(
    tenantId: string,
    groupId: string,
    userIds: readonly string[],
    actor: Actor,
  ): Promise<void>;
  /**
   * users → licensing: an active user's profile changed. When what requirements read changed (country, emergency
   * address), running licenses the change broke are refused or go to grace (`brokenLicenses`), and blocked or
   * requirement-lost ones that it fixed run now.
   */
  userProfileChanged(
    tenantId: string,
    userId: string,
    before: UserProfile,
    after: UserProfile,
    brokenLicenses: WritePolicy['brokenLicenses'],
    actor: Actor,
  ): Promise<void>;
  /** numbers → licensing: a number was assigned to a user; their blocked licenses re-check requirements. */
  userNumbersChanged(tenantId: string, userId: string, actor: Actor): Promise<void>;
  /**
   * numbers → licensing: numbers of these kinds left the user (released or moved). Running licenses that needed
   * them are refused or go to grace (`brokenLicenses`).
   */
  userNumbersReleased(
    tenantId: string,
    userId: string,
    kinds: readonly NumberKind[],
    brokenLicenses: WritePolicy['brokenLicenses'],
    actor: Actor,
  ): Promise<void>;
  /** seats → licensing: seats of a product were added now; blocked licenses take them, oldest first. */
  seatsAdded(tenantId: string, productId: string, actor: Actor): Promise<void>;
}

/** What UserService announces. */
export type UserReactions = Pick<
  Reactions,
  'userDeactivated' | 'userDeleted' | 'userReactivated' | 'userChanged' | 'userProfileChanged'
>;
/** What GroupService (and the directory sync's membership writer) announce. */
export type MembershipReactions = Pick<Reactions, 'membershipChanged'>;
/** What NumberService announces. */
export type NumberReactions = Pick<Reactions, 'userNumbersChanged' | 'userNumbersReleased'>;
/** What SeatService announces. */
export type SeatReactions = Pick<Reactions, 'seatsAdded'>;

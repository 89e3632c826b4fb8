import { z } from 'zod';
import type { Services } from '../../../container.js';
import type { User } from '../../../features/users/user.js';
import { component } from '../admin-schemas.js';
import { userDetailSections } from './user-detail-sections.js';
import { toAdminUser } from './user-mapper.js';
import { GroupRefSchema, UserSchema } from './user-schemas.js';

const base = UserSchema.extend({
  groups: z.array(GroupRefSchema).describe('Groups the user is a direct member of'),
});

export const UserDetailsSchema = component(
  base.extend(Object.fromEntries(userDetailSections.map((section) => [section.key, section.schema]))),
  'UserDetails',
);

export type UserDetails = z.input<typeof base> & Record<string, unknown>;

/** The full view of one user: the user, their groups, and every contributed section. */
export async function loadUserDetails(services: Services, user: User): Promise<UserDetails> {
  const details: UserDetails = { ...toAdminUser(user), groups: user.groups ?? [] };
  // One after the other: on a transaction the queries share one connection anyway.
  for (const section of userDetailSections) details[section.key] = await section.load(services, user);
  return details;
}

import type { z } from 'zod';
import type { Services } from '../../../container.js';
import type { User } from '../../../features/users/user.js';

/**
 * A part of `GET /api/v1/users/:id` (and of every single-user response) that another feature contributes:
 * its licenses, numbers or conflicts. The feature declares the property name, its zod schema (the OpenAPI
 * document shows it under UserDetails) and how to load it for one user; the users routes stay unaware of it.
 */
export interface UserDetailSection<S extends z.ZodType = z.ZodType> {
  key: string;
  schema: S;
  /** Runs on the request's services: its transaction, when the route writes. */
  load(services: Services, user: User): Promise<z.input<S>>;
}

/** Keeps a section's `load` checked against its own schema while the list holds sections of any schema. */
export const userDetailSection = <S extends z.ZodType>(section: UserDetailSection<S>): UserDetailSection =>
  section;

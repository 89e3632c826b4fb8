import { z } from 'zod';

const deltaStateSchema = z.object({
  resource: z.enum(['users', 'groups']),
  /** `full`: paging the whole collection; `changes`: paging the log; `link`: a deltaLink not yet used. */
  phase: z.enum(['full', 'changes', 'link']),
  since: z.number().int().nonnegative(),
  until: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
  /** Offset into the current group's member list when a big group spans pages. */
  memberOffset: z.number().int().nonnegative(),
  select: z.array(z.string()).nullable(),
  pageSize: z.number().int().positive(),
  epoch: z.number().int().nonnegative(),
});

/** Everything a nextLink or deltaLink needs, carried in the link itself as Graph does. */
export type DeltaState = z.infer<typeof deltaStateSchema>;

export function encodeDeltaState(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

/** Undefined when the token is not one the fake issued (tampered, truncated, or from elsewhere). */
export function decodeDeltaState(token: string): DeltaState | undefined {
  try {
    const parsed = deltaStateSchema.safeParse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

import { z } from 'zod';

export const DIRECTORY_TAGS = ['Directory sync'];

/** How many runs a run list returns, newest first. */
export const RunsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

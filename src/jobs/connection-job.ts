import type { Agenda } from 'agenda';
import { z } from 'zod';

/** The data of a per-connection job: which connection it runs. */
export const connectionJobDataSchema = z.object({ connectionId: z.uuid() });

/**
 * Keeps one recurring job named `jobName` per connection in `wanted` (connection id → interval), made with
 * `create().repeatEvery().unique()`: `every()` would keep a single schedule per job name for all connections.
 * Connections no longer wanted (disabled, deleted) lose theirs; an existing schedule is kept unless its interval
 * changed, since saving it again would push its next run out.
 */
export async function schedulePerConnection(
  agenda: Agenda,
  jobName: string,
  wanted: ReadonlyMap<string, string>,
): Promise<void> {
  const current = new Set<string>();
  for (const job of (await agenda.queryJobs({ name: jobName })).jobs) {
    const parsed = connectionJobDataSchema.safeParse(job.data);
    const interval = parsed.success ? wanted.get(parsed.data.connectionId) : undefined;
    if (
      parsed.success &&
      interval !== undefined &&
      String(job.repeatInterval) === interval &&
      !current.has(parsed.data.connectionId)
    ) {
      current.add(parsed.data.connectionId);
    } else {
      await agenda.cancel({ id: String(job._id) });
    }
  }
  for (const [connectionId, interval] of wanted) {
    if (current.has(connectionId)) continue;
    await agenda
      .create(jobName, { connectionId })
      .repeatEvery(interval, { skipImmediate: true })
      .unique({ 'data.connectionId': connectionId }, { insertOnly: true })
      .save();
  }
}

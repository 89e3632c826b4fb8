import type { SyncOutcome } from './features/directory/entra-sync-service.js';

/** A sync's outcome for an operator's terminal (`seatsync sync`): one line per figure. */
export function formatRunSummary(name: string, outcome: SyncOutcome): string {
  if (outcome.status === 'busy') return `${name}: another sync of this connection is running; nothing done`;
  const { run } = outcome;
  const seconds = run.finishedAt
    ? ((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000).toFixed(1)
    : '?';
  const lines = [
    `${name}: ${run.status} (${run.mode} sync, ${run.pages} pages, ${seconds} s) run ${run.id}`,
    `  users: ${run.created} created, ${run.updated} updated, ${run.suspended} suspended, ${run.reactivated} reactivated`,
    `  groups: ${run.groups} changed; memberships: ${run.membershipsAdded} added, ${run.membershipsRemoved} removed`,
  ];
  if (run.status === 'held')
    lines.push(
      `  held: ${run.plannedSuspensions?.length ?? 0} suspensions exceed the tenant's mass-change threshold and wait for approval`,
    );
  if (run.errorCode) lines.push(`  error: ${run.errorCode}: ${run.errorMessage ?? ''}`);
  for (const problem of run.problems.slice(0, 10))
    lines.push(`  problem: ${problem.objectId} ${problem.code}: ${problem.message}`);
  return lines.join('\n');
}

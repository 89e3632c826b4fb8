import type { Container } from '../../container.js';
import { DomainError } from '../../domain-error.js';
import { ConnectionStore } from './connection-store.js';
import type { SyncOutcome } from './entra-sync-service.js';
import type { SyncRun } from './sync-run-store.js';

/** Runs every enabled connection of a tenant (or the one named) now, in this process, one after the other. */
export async function syncTenant(
  container: Container,
  tenantName: string,
  connectionId?: string,
): Promise<Array<{ name: string; outcome: SyncOutcome }>> {
  const tenant = await container.services.tenants.findByName(tenantName);
  if (!tenant) throw new DomainError('not_found', `No tenant named ${tenantName}`);
  const all = await new ConnectionStore(container.database.knex).list(tenant.id);
  const chosen = connectionId ? all.filter((c) => c.id === connectionId) : all.filter((c) => c.enabled);
  if (chosen.length === 0) {
    throw new DomainError(
      'not_found',
      connectionId
        ? `Tenant ${tenantName} has no connection ${connectionId}`
        : `Tenant ${tenantName} has no enabled directory connection`,
    );
  }
  const results: Array<{ name: string; outcome: SyncOutcome }> = [];
  for (const connection of chosen) {
    results.push({
      name: connection.name,
      outcome: await container.directory.sync.run(connection.id, { trigger: 'cli' }),
    });
  }
  return results;
}

/** One line per figure, for an operator's terminal. */
export function formatRunSummary(name: string, outcome: SyncOutcome): string {
  if (outcome.status === 'busy') return `${name}: another sync of this connection is running; nothing done`;
  const run: SyncRun = outcome.run;
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

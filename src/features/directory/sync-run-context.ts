import type { Knex } from 'knex';
import type { Logger } from '../../logger.js';
import type { Actor } from '../events/event-log.js';
import type { GroupService } from '../groups/group-service.js';
import type { TenantService } from '../tenants/tenant-service.js';
import type { UserService } from '../users/user-service.js';
import { LeaseLostError, type ConnectionLease } from './connection-lease.js';
import type { ConnectionRecord } from './connection-store.js';
import type { DirectorySource } from './directory-source.js';
import type { MappingContext } from './directory-user-mapping.js';
import { emptyCounts, type SyncCounts, type SyncProblem } from './sync-run-store.js';

/** The owners of the tables a sync changes, built on a transaction: the sync writes users and groups through them. */
export interface SyncServices {
  users: UserService;
  groups: GroupService;
  tenants: TenantService;
}

/** What the stages of a sync share for the whole process. */
export interface SyncStageDeps {
  knex: Knex;
  /** The domain services built on a transaction (the container's servicesFor). */
  servicesOn: (db: Knex) => SyncServices;
  lease: ConnectionLease;
  logger: Logger;
  /** Users applied per transaction. */
  batchSize: number;
}

/** One run of a connection's sync, as its stages see it. */
export interface RunContext {
  runId: string;
  actor: Actor;
  connection: ConnectionRecord;
  source: DirectorySource;
  counts: SyncCounts;
  problems: SyncProblem[];
  scoped: Set<string>;
  mapping: MappingContext['mapping'];
  owned: (target: string) => boolean;
  touch: () => Promise<void>;
  full: boolean;
  /** No user of the connection was applied yet when the groups enumeration began (see PageOptions.usersPending). */
  usersPending: boolean;
  /** No group of the connection was applied yet when the groups enumeration began (see PageOptions.groupsPending). */
  groupsPending: boolean;
  /** Aborted when one of two stages running side by side fails, so the other stops at its next page or batch. */
  stop: AbortController;
}

/**
 * One batch of the apply stages in one transaction. The batch counts and reports into a tally of its own, added
 * to the run's once it has committed, so a run's figures never include a batch that rolled back. The lease is
 * renewed last: a run that lost it must not commit the batch, and renewed first, the batch would hold the
 * connection's row lock throughout, while delta pages committed by a stage alongside wait for it.
 */
export async function inBatch(
  deps: SyncStageDeps,
  ctx: RunContext,
  work: (trx: Knex, tally: RunContext) => Promise<void>,
): Promise<void> {
  const tally: RunContext = { ...ctx, counts: emptyCounts(), problems: [] };
  await deps.knex.transaction(async (trx) => {
    await work(trx, tally);
    if (!(await deps.lease.renew(trx, ctx.connection.id, ctx.runId)))
      throw new LeaseLostError(`Run ${ctx.runId} lost its lease on connection ${ctx.connection.id}`);
  });
  for (const key of Object.keys(tally.counts) as Array<keyof SyncCounts>)
    ctx.counts[key] += tally.counts[key];
  ctx.problems.push(...tally.problems);
}

/**
 * Runs two stages side by side; when one fails the other stops at its next page or batch, and the first failure is
 * what the run reports. Both have settled when this returns or throws, so nothing writes after the lease is released.
 */
export async function concurrently<A, B>(
  ctx: RunContext,
  first: () => Promise<A>,
  second: () => Promise<B>,
): Promise<[A, B]> {
  const stopOthers = (error: unknown): never => {
    ctx.stop.abort(error);
    throw error;
  };
  const [a, b] = await Promise.allSettled([first().catch(stopOthers), second().catch(stopOthers)]);
  if (a.status === 'rejected' || b.status === 'rejected') throw ctx.stop.signal.reason;
  return [a.value, b.value];
}

export function ownedPredicate(directoryOwned: string[] | null): (target: string) => boolean {
  if (directoryOwned === null) return () => true;
  const owned = new Set(directoryOwned);
  return (target) => owned.has(target);
}

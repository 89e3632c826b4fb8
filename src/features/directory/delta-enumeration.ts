import { randomUUID } from 'node:crypto';
import { ConnectorError } from './connector-error.js';
import { DirectoryMirrorStore } from './directory-mirror-store.js';
import type { DeltaPage, DirectoryGroup, DirectoryUser } from './directory-source.js';
import { readAhead } from './read-ahead.js';
import type { RunContext, SyncStageDeps } from './sync-run-context.js';

type Resource = 'users' | 'groups';

/**
 * Stage 1 of a sync: enumerates users or groups through the source's delta pages into the mirror. Each page is
 * written together with the link to continue from, in one transaction: a failed run resumes from its last committed
 * page and never leaves half a page applied.
 */
export async function enumerate(deps: SyncStageDeps, ctx: RunContext, resource: Resource): Promise<void> {
  const state = ctx.connection;
  for (let restarted = false; ; restarted = true) {
    const resume = resource === 'users' ? state.usersResumeLink : state.groupsResumeLink;
    const delta = resource === 'users' ? state.usersDeltaLink : state.groupsDeltaLink;
    let marker = resource === 'users' ? state.usersFullMarker : state.groupsFullMarker;
    const link = resume ?? (marker ? null : delta);
    // No link at all: a full enumeration; everything it does not list has gone from the directory.
    if (!link) marker = randomUUID();
    if (marker) ctx.full = true;
    // The next page is fetched while this one commits; each is still committed in order, one transaction each.
    const pages: AsyncIterable<DeltaPage<unknown>> = readAhead<DeltaPage<unknown>>(
      resource === 'users'
        ? ctx.source.usersDelta(link ?? undefined)
        : ctx.source.groupsDelta(link ?? undefined),
    );
    try {
      for await (const page of pages) {
        await commitPage(deps, ctx, resource, page, marker);
        ctx.counts.pages += 1;
        if (resource === 'users') {
          state.usersResumeLink = page.nextLink ?? null;
          if (page.deltaLink) Object.assign(state, { usersDeltaLink: page.deltaLink, usersFullMarker: null });
          else state.usersFullMarker = marker;
        } else {
          state.groupsResumeLink = page.nextLink ?? null;
          if (page.deltaLink)
            Object.assign(state, { groupsDeltaLink: page.deltaLink, groupsFullMarker: null });
          else state.groupsFullMarker = marker;
        }
        await ctx.touch();
        ctx.stop.signal.throwIfAborted();
      }
      return;
    } catch (error) {
      if (!(error instanceof ConnectorError && error.code === 'delta.expired') || restarted) throw error;
      // The directory forgot the sync state: enumerate everything again; the sweep at its end suspends whoever is gone.
      deps.logger.info(
        { connectionId: ctx.connection.id, resource },
        'delta link expired, running a full sync',
      );
      await deps.lease.saveProgress(deps.knex, ctx.connection.id, ctx.runId, {
        [`${resource}_delta_link`]: null,
        [`${resource}_resume_link`]: null,
        [`${resource}_full_marker`]: null,
      });
      if (resource === 'users')
        Object.assign(state, { usersDeltaLink: null, usersResumeLink: null, usersFullMarker: null });
      else Object.assign(state, { groupsDeltaLink: null, groupsResumeLink: null, groupsFullMarker: null });
    }
  }
}

async function commitPage(
  deps: SyncStageDeps,
  ctx: RunContext,
  resource: Resource,
  page: DeltaPage<unknown>,
  marker: string | null,
): Promise<void> {
  const { connection } = ctx;
  await deps.knex.transaction(async (trx) => {
    const mirror = new DirectoryMirrorStore(trx);
    const options = {
      connectionId: connection.id,
      tenantId: connection.tenantId,
      marker,
      usersPending: ctx.usersPending,
      groupsPending: ctx.groupsPending,
    };
    if (resource === 'users') {
      await mirror.applyUsersPage(options, (page as DeltaPage<DirectoryUser>).items);
      if (page.deltaLink && marker) await mirror.sweepUsers(connection.id, marker);
    } else {
      const allInScope = ctx.scoped.size === 0;
      await mirror.applyGroupsPage(
        options,
        (page as DeltaPage<DirectoryGroup>).items,
        (id) => allInScope || ctx.scoped.has(id),
      );
      if (page.deltaLink && marker) await mirror.sweepGroups(connection.id, marker);
    }
    const columns: Record<string, unknown> = {
      [`${resource}_resume_link`]: page.nextLink ?? null,
      [`${resource}_full_marker`]: page.deltaLink ? null : marker,
    };
    if (page.deltaLink) columns[`${resource}_delta_link`] = page.deltaLink;
    await deps.lease.saveProgress(trx, connection.id, ctx.runId, columns);
  });
}

import type { Knex } from 'knex';
import type { CpuMeter } from './cpu-meter.js';
import { HttpClient, percentile } from './http-client.js';
import { measureLoad, type LoadFigures } from './load.js';
import { memberCount, seededUserName, seedGroup, seededUserIds } from './seed.js';

export interface LoadSettings {
  cpu: CpuMeter;
  connections: number;
  warmupSeconds: number;
  measureSeconds: number;
}

export const SCIM_JSON = 'application/scim+json';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE_USER = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const SEATSYNC_USER = 'urn:ietf:params:scim:schemas:extension:seatsync:2.0:User';

export const userNameFilterPath = (userName: string): string =>
  `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

const randomSeededUser = (users: number): string => seededUserName(1 + Math.floor(Math.random() * users));

/**
 * Before timing anything, one lookup must find exactly the user asked for: a fast server that answers the
 * wrong thing (or 401 to everything) would otherwise look like a good result.
 */
export async function checkLookup(
  baseUrl: string,
  headers: Record<string, string>,
  users: number,
): Promise<void> {
  const userName = randomSeededUser(users);
  const response = await fetch(baseUrl + userNameFilterPath(userName), { headers });
  const text = await response.text();
  if (response.status !== 200 || !text.toLowerCase().includes(userName)) {
    throw new Error(`Lookup of ${userName} at ${baseUrl} answered ${response.status}: ${text.slice(0, 300)}`);
  }
}

/** Scenarios 1 and 2: the indexed userName lookup, userNames drawn uniformly from all seeded users. */
export function lookupLoad(
  baseUrl: string,
  headers: Record<string, string>,
  users: number,
  settings: LoadSettings,
): Promise<LoadFigures> {
  return measureLoad({
    ...settings,
    url: baseUrl,
    method: 'GET',
    headers,
    next: () => ({ path: userNameFilterPath(randomSeededUser(users)) }),
  });
}

/** Scenario 3: POST /Users, each with a new userName, shaped like an Entra ID create. */
export function createLoad(
  baseUrl: string,
  headers: Record<string, string>,
  runTag: string,
  settings: LoadSettings,
): Promise<LoadFigures> {
  let n = 0;
  return measureLoad({
    ...settings,
    url: baseUrl,
    method: 'POST',
    headers: { ...headers, 'content-type': SCIM_JSON },
    next: () => {
      n += 1;
      const userName = `new-${runTag}-${n}@example.com`;
      const body = {
        schemas: [CORE_USER, ENTERPRISE_USER, SEATSYNC_USER],
        userName,
        externalId: `new-ext-${runTag}-${n}`,
        active: true,
        name: { givenName: `New${n}`, familyName: 'Person', formatted: `New${n} Person` },
        emails: [{ value: userName, type: 'work', primary: true }],
        [ENTERPRISE_USER]: { department: 'Sales' },
        [SEATSYNC_USER]: { country: 'SE' },
      };
      return { path: '/scim/v2/Users', body: JSON.stringify(body) };
    },
  });
}

const addMemberPatch = (userId: string) => ({
  schemas: [PATCH_OP],
  Operations: [{ op: 'add', path: 'members', value: [{ value: userId }] }],
});

export interface SequentialPatchFigures {
  groupSize: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  meanMs: number;
  failures: number;
  membersAfter: number;
  expectedMembersAfter: number;
}

/**
 * Scenario 4: a group of `groupSize` seeded members, then single PATCH requests, one after the other, each adding
 * one user who is not a member yet. Sequential on purpose: this is the latency of one change, not throughput.
 */
export async function sequentialMemberAdds(
  knex: Knex,
  client: HttpClient,
  tenantId: string,
  groupSize: number,
  warmup: number,
  requests: number,
): Promise<SequentialPatchFigures> {
  const groupId = await seedGroup(knex, tenantId, `bench ${groupSize} members`, groupSize);
  const newcomers = await seededUserIds(knex, tenantId, groupSize + 1, groupSize + warmup + requests);
  const timings: number[] = [];
  let failures = 0;
  for (const [index, userId] of newcomers.entries()) {
    const response = await client.send('PATCH', `/scim/v2/Groups/${groupId}`, addMemberPatch(userId));
    if (response.status !== 204 && response.status !== 200) failures += 1;
    if (index >= warmup) timings.push(response.ms);
  }
  return {
    groupSize,
    requests,
    p50Ms: percentile(timings, 50),
    p99Ms: percentile(timings, 99),
    maxMs: Math.max(...timings),
    meanMs: timings.reduce((a, b) => a + b, 0) / timings.length,
    failures,
    membersAfter: await memberCount(knex, groupId),
    expectedMembersAfter: groupSize + warmup + requests,
  };
}

export interface ConcurrentPatchFigures {
  requests: number;
  wallMs: number;
  statuses: Record<string, number>;
  membersAfter: number;
}

/**
 * Scenario 5: `count` PATCH requests sent at once to one fresh, empty group, each adding a different user. Each
 * request on its own connection, so they really arrive together; the count in SQL afterwards says whether
 * any add was lost.
 */
export async function concurrentMemberAdds(
  knex: Knex,
  client: HttpClient,
  tenantId: string,
  firstUser: number,
  count: number,
): Promise<ConcurrentPatchFigures> {
  const groupId = await seedGroup(knex, tenantId, 'bench concurrent adds', 0);
  const userIds = await seededUserIds(knex, tenantId, firstUser, firstUser + count - 1);
  const started = process.hrtime.bigint();
  const responses = await Promise.all(
    userIds.map((id) => client.send('PATCH', `/scim/v2/Groups/${groupId}`, addMemberPatch(id))),
  );
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const statuses: Record<string, number> = {};
  for (const r of responses) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  return { requests: count, wallMs, statuses, membersAfter: await memberCount(knex, groupId) };
}

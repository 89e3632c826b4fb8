import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAKE_CLIENT_ID } from '../fake-graph/fake-graph.js';
import { generateDirectory } from '../fake-graph/generate-directory.js';
import { ConnectorError } from './connector-error.js';
import type { DirectoryGroup, DirectoryUser } from './directory-records.js';
import { collectPages, expectRejection, startEntraTestFixture } from './entra-test-fixture.js';
import type { EntraTestFixture } from './entra-test-fixture.js';

const USERS = 25;
const GRAPH_USERS_DELTA = 'https://graph.microsoft.com/v1.0/users/delta';
const GRAPH_GROUPS_DELTA = 'https://graph.microsoft.com/v1.0/groups/delta';

/** A URL on 127.0.0.1 where nothing listens: connections are refused at once. */
async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function usersOf(pages: { items: DirectoryUser[] }[]): DirectoryUser[] {
  return pages.flatMap((page) => page.items);
}

/** Merges group records by id, as a caller must (big groups arrive in slices). */
function mergeGroups(pages: { items: DirectoryGroup[] }[]): Map<string, DirectoryGroup> {
  const merged = new Map<string, DirectoryGroup>();
  for (const group of pages.flatMap((page) => page.items)) {
    const seen = merged.get(group.id);
    if (!seen) {
      merged.set(group.id, {
        ...group,
        membersAdded: [...group.membersAdded],
        membersRemoved: [...group.membersRemoved],
      });
      continue;
    }
    seen.membersAdded.push(...group.membersAdded);
    seen.membersRemoved.push(...group.membersRemoved);
  }
  return merged;
}

async function connectorError(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await expectRejection(promise);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

describe('EntraDirectoryClient against the fake Graph over HTTP', () => {
  let fx: EntraTestFixture;

  beforeEach(async () => {
    fx = await startEntraTestFixture({
      directory: generateDirectory({ users: USERS, groups: 4, memberships: 60, seed: 3 }),
      groupMembersPerPage: 8,
    });
  });

  afterEach(async () => {
    await fx.close();
  });

  describe('tokens', () => {
    it('asks Entra once and reuses the cached token for every Graph call', async () => {
      const client = fx.client({}, { pageSize: 5 });
      await collectPages(client.usersDelta());
      await collectPages(client.groupsDelta());
      await client.testConnection();

      expect(fx.fake.requests.length).toBeGreaterThan(8);
      expect(fx.fake.requests.every((r) => r.status === 200)).toBe(true);
      expect(fx.fake.tokens.tokenRequests).toHaveLength(1);
      expect(fx.fake.tokens.tokenRequests[0]).toMatchObject({
        clientId: FAKE_CLIENT_ID,
        grantType: 'client_credentials',
        scope: expect.stringContaining('https://graph.microsoft.com/.default'),
        outcome: 'issued',
      });
    });

    it('gets a new token once when Graph rejects an expired one mid-sync', async () => {
      const client = fx.client({}, { pageSize: 10 });
      const pages = client.usersDelta()[Symbol.asyncIterator]();
      const first = await pages.next();
      expect(first.done).toBe(false);
      fx.fake.tokens.expireAccessTokens();
      const rest: DirectoryUser[] = [];
      for (let next = await pages.next(); !next.done; next = await pages.next())
        rest.push(...next.value.items);

      expect((first.value?.items.length ?? 0) + rest.length).toBe(USERS);
      expect(fx.fake.tokens.tokenRequests).toHaveLength(2);
      expect(fx.fake.requests.filter((r) => r.status === 401)).toHaveLength(1);
    });

    it('fails with graph.unauthorized when even a fresh token is rejected', async () => {
      // Tokens that are dead on arrival: the refresh happens once, then the client gives up.
      fx.fake.tokens.setTokenLifetime(0);
      const error = await connectorError(collectPages(fx.client().usersDelta()));
      expect(error).toMatchObject({ code: 'graph.unauthorized', retryable: false, status: 401 });
      expect(fx.fake.requests.filter((r) => r.status === 401)).toHaveLength(2);
    });
  });

  describe('testConnection', () => {
    it('succeeds with valid credentials and permissions', async () => {
      expect(await fx.client().testConnection()).toEqual({ ok: true });
    });

    it.each([
      ['a wrong secret', { clientSecret: 'not-the-secret' }, 'auth.invalid_secret', /AADSTS7000215/],
      [
        'an unknown client id',
        { clientId: '99999999-9999-4999-8999-999999999999' },
        'auth.unknown_client',
        /AADSTS700016/,
      ],
      [
        'an unknown tenant',
        { tenantId: '88888888-8888-4888-8888-888888888888' },
        'auth.unknown_tenant',
        /AADSTS90002/,
      ],
    ])('reports %s', async (_name, overrides, code, message) => {
      const result = await fx.client(overrides).testConnection();
      expect(result).toMatchObject({
        ok: false,
        code,
        retryable: false,
        message: expect.stringMatching(message),
      });
      // The admin-facing message keeps Entra's text but not its trace and correlation ids.
      expect(result.ok === false && result.message).not.toMatch(/Trace ID/);
    });

    it.each([
      ['no permissions', []],
      ['users but not groups', ['User.Read.All']],
    ])('reports graph.permission_denied with %s', async (_name, roles) => {
      fx.fake.tokens.setAppRoles(FAKE_CLIENT_ID, roles);
      expect(await fx.client().testConnection()).toMatchObject({
        ok: false,
        code: 'graph.permission_denied',
        retryable: false,
        message: expect.stringContaining('Authorization_RequestDenied'),
      });
    });

    it('reports network.unreachable when the identity platform does not answer', async () => {
      const result = await fx.client({ authorityHost: await closedPortUrl() }).testConnection();
      expect(result).toMatchObject({ ok: false, code: 'network.unreachable', retryable: true });
    });

    it('reports network.unreachable when Graph does not answer', async () => {
      const result = await fx.client({ graphBaseUrl: await closedPortUrl() }).testConnection();
      expect(result).toMatchObject({ ok: false, code: 'network.unreachable', retryable: true });
      expect(fx.sleeps).toHaveLength(1); // a connection test retries once, not for minutes
    });
  });

  describe('users delta', () => {
    it('pages through a full sync, then returns only the changes since the deltaLink', async () => {
      const client = fx.client({}, { pageSize: 10 });
      const full = await collectPages(client.usersDelta());

      expect(full).toHaveLength(3);
      expect(full.slice(0, -1).every((p) => p.nextLink?.startsWith(GRAPH_USERS_DELTA) && !p.deltaLink)).toBe(
        true,
      );
      const deltaLink = full.at(-1)?.deltaLink;
      expect(deltaLink?.startsWith(`${GRAPH_USERS_DELTA}?$deltatoken=`)).toBe(true);
      const users = usersOf(full);
      expect(new Set(users.map((u) => u.id)).size).toBe(USERS);
      const [first, second, third, fourth, fifth] = users;
      if (!first || !second || !third || !fourth || !fifth) throw new Error('directory too small');
      expect(second).toMatchObject({
        userPrincipalName: expect.stringContaining('@contoso.example'),
        accountEnabled: expect.any(Boolean),
        extensionAttributes: expect.objectContaining({ extensionAttribute1: expect.stringMatching(/^CC-/) }),
        managerId: first.id,
      });

      const dir = fx.fake.directory;
      const added = dir.addUser({
        userPrincipalName: 'new.hire@contoso.example',
        givenName: 'New',
        surname: 'Hire',
        mobilePhone: '+46 70 000 00 00',
        managerId: first.id,
      });
      dir.updateUser(first.id, { jobTitle: 'Chief Listener', mobilePhone: null });
      dir.disableUser(second.id);
      dir.deleteUser(third.id);
      dir.deleteUser(fourth.id, { permanent: true });
      dir.updateUser(fifth.id, { managerId: null });

      const incremental = await collectPages(client.usersDelta(deltaLink));
      const changes = new Map(usersOf(incremental).map((u) => [u.id, u]));
      expect(changes.size).toBe(6);
      expect(changes.get(added.id)).toMatchObject({
        userPrincipalName: 'new.hire@contoso.example',
        givenName: 'New',
        accountEnabled: true,
        managerId: first.id,
      });
      // An update reports what changed; absent properties were not touched, null ones were cleared.
      expect(changes.get(first.id)).toEqual({ id: first.id, jobTitle: 'Chief Listener', mobilePhone: null });
      expect(changes.get(second.id)).toEqual({ id: second.id, accountEnabled: false });
      expect(changes.get(third.id)).toEqual({ id: third.id, removed: 'changed' });
      expect(changes.get(fourth.id)).toEqual({ id: fourth.id, removed: 'deleted' });
      expect(changes.get(fifth.id)).toEqual({ id: fifth.id, managerId: null });

      const quiet = await collectPages(client.usersDelta(incremental.at(-1)?.deltaLink));
      expect(quiet.flatMap((p) => p.items)).toEqual([]);
      expect(quiet.at(-1)?.deltaLink).toBeDefined();
    });

    it('resumes an interrupted full sync from a stored nextLink with a new client', async () => {
      let stored: string | undefined;
      const seen: string[] = [];
      for await (const page of fx.client({}, { pageSize: 10 }).usersDelta()) {
        seen.push(...page.items.map((u) => u.id));
        stored = page.nextLink;
        break; // the process dies after committing the first page
      }
      expect(stored?.startsWith(GRAPH_USERS_DELTA)).toBe(true);

      const resumed = await collectPages(fx.client({}, { pageSize: 10 }).usersDelta(stored));
      seen.push(...usersOf(resumed).map((u) => u.id));
      expect(seen).toHaveLength(USERS);
      expect(new Set(seen).size).toBe(USERS);
      expect(resumed.at(-1)?.deltaLink).toBeDefined();
    });

    it('refuses a stored link that does not point at Graph users delta', async () => {
      const error = await connectorError(
        collectPages(fx.client().usersDelta('https://attacker.example/v1.0/users/delta?$deltatoken=x')),
      );
      expect(error.code).toBe('config.invalid');
      expect(fx.fake.requests).toHaveLength(0);
    });
  });

  describe('groups delta', () => {
    it('delivers full memberships across pages, then membership and group changes', async () => {
      const client = fx.client({}, { pageSize: 3 });
      const full = await collectPages(client.groupsDelta());
      const dir = fx.fake.directory;
      const groups = mergeGroups(full);

      expect(full.length).toBeGreaterThan(2);
      expect(full.at(-1)?.deltaLink?.startsWith(`${GRAPH_GROUPS_DELTA}?$deltatoken=`)).toBe(true);
      expect(groups.size).toBe(4);
      // With 8 members per page, groups larger than that arrive in several records.
      expect(full.flatMap((p) => p.items).length).toBeGreaterThan(4);
      for (const group of groups.values()) {
        expect(group.displayName).toBe(dir.getGroup(group.id)?.displayName);
        expect(group.membersAdded.sort()).toEqual(dir.groupMembers(group.id).sort());
        expect(group.membersRemoved).toEqual([]);
      }
      const total = [...groups.values()].reduce((sum, g) => sum + g.membersAdded.length, 0);
      expect(total).toBe(60);

      const [g0, g1, g2] = [...groups.keys()];
      if (!g0 || !g1 || !g2) throw new Error('too few groups');
      const outsider = dir.userIdAt(0);
      const leaver = dir.groupMembers(g1)[0];
      if (!leaver) throw new Error('empty group');
      if (dir.isMember(g0, outsider)) dir.removeMembers(g0, [outsider]);
      const before = full.at(-1)?.deltaLink;
      dir.addMembers(g0, [outsider]);
      dir.removeMembers(g1, [leaver]);
      dir.updateGroup(g2, { displayName: 'Renamed' });
      const created = dir.createGroup({ displayName: 'Voice pilots' }, [outsider]);

      const incrementalPages = await collectPages(client.groupsDelta(before));
      const incremental = mergeGroups(incrementalPages);
      expect(incremental.size).toBe(4);
      expect(incremental.get(g0)?.membersAdded).toContain(outsider);
      expect(incremental.get(g1)).toMatchObject({ membersAdded: [], membersRemoved: [leaver] });
      expect(incremental.get(g2)).toEqual({
        id: g2,
        displayName: 'Renamed',
        membersAdded: [],
        membersRemoved: [],
        nestedGroupsAdded: [],
        nestedGroupsRemoved: [],
      });
      expect(incremental.get(created.id)).toMatchObject({
        displayName: 'Voice pilots',
        membersAdded: [outsider],
      });

      dir.deleteGroup(created.id);
      const afterDelete = mergeGroups(
        await collectPages(client.groupsDelta(incrementalPages.at(-1)?.deltaLink)),
      );
      expect([...afterDelete.values()]).toEqual([
        expect.objectContaining({ id: created.id, removed: 'changed' }),
      ]);
    });
  });

  describe('faults', () => {
    it('waits for Retry-After on 429 and then succeeds', async () => {
      fx.fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 2 });
      const pages = await collectPages(fx.client({}, { pageSize: 10 }).usersDelta());
      expect(usersOf(pages)).toHaveLength(USERS);
      expect(fx.sleeps).toEqual([1000, 1000]);
      expect(fx.fake.requests.map((r) => r.status)).toEqual([429, 429, 200, 200, 200]);
    });

    it('honours Retry-After: 0 with the real timer', async () => {
      fx.fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 0 });
      const client = fx.client({}, { retry: { sleep: (ms) => new Promise((r) => setTimeout(r, ms)) } });
      expect(usersOf(await collectPages(client.usersDelta()))).toHaveLength(USERS);
      expect(fx.fake.faults.pending).toBe(0);
    });

    it('caps a long Retry-After', async () => {
      fx.fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 3600 });
      await collectPages(fx.client({}, { retry: { maxRetryAfterMs: 5_000 } }).usersDelta());
      expect(fx.sleeps).toEqual([5_000]);
    });

    it.each([503, 504] as const)('retries %i with backoff and then succeeds', async (status) => {
      fx.fake.faults.inject({ kind: 'status', status, times: 2 });
      const pages = await collectPages(fx.client({}, { retry: { baseBackoffMs: 100 } }).usersDelta());
      expect(usersOf(pages)).toHaveLength(USERS);
      expect(fx.sleeps).toHaveLength(2);
      const [firstWait = 0, secondWait = 0] = fx.sleeps;
      expect(firstWait).toBeGreaterThanOrEqual(50);
      expect(firstWait).toBeLessThanOrEqual(100);
      expect(secondWait).toBeGreaterThanOrEqual(100);
      expect(secondWait).toBeLessThanOrEqual(200);
    });

    it('gives up after the attempt limit with a retryable graph.throttled', async () => {
      fx.fake.faults.inject({ kind: 'status', status: 429, retryAfterSeconds: 1, times: 10 });
      const error = await connectorError(
        collectPages(fx.client({}, { retry: { maxAttempts: 3 } }).usersDelta()),
      );
      expect(error).toMatchObject({ code: 'graph.throttled', retryable: true, status: 429 });
      expect(fx.fake.requests).toHaveLength(3);
    });

    it('retries a dropped connection', async () => {
      const client = fx.client({}, { pageSize: 10 });
      await client.testConnection(); // warm the keep-alive pool so the drop hits a reused socket
      fx.fake.faults.inject({ kind: 'drop', match: '/users/delta' });
      const pages = await collectPages(client.usersDelta());
      expect(usersOf(pages)).toHaveLength(USERS);
      expect(fx.sleeps).toHaveLength(1);
    });

    it('stops retrying network failures after the attempt limit', async () => {
      const client = fx.client({ graphBaseUrl: await closedPortUrl() }, { retry: { maxAttempts: 4 } });
      const error = await connectorError(collectPages(client.usersDelta()));
      expect(error).toMatchObject({ code: 'network.unreachable', retryable: true });
      expect(fx.sleeps).toHaveLength(3);
      // Backoff doubles: 1s, 2s, 4s ceilings with jitter in the upper half.
      fx.sleeps.forEach((ms, i) => expect(ms).toBeGreaterThanOrEqual(500 * 2 ** i));
    });

    it.each([
      ['410 Gone', 410, 'syncStateNotFound'],
      ['400 syncStateNotFound', 400, 'syncStateNotFound'],
      ['410 resyncRequired', 410, 'resyncRequired'],
    ] as const)('maps an expired delta link (%s) to delta.expired', async (_name, status, code) => {
      const client = fx.client();
      const deltaLink = (await collectPages(client.usersDelta())).at(-1)?.deltaLink;
      fx.fake.expireDeltaTokens({ status, code });
      const error = await connectorError(collectPages(client.usersDelta(deltaLink)));
      expect(error).toMatchObject({ code: 'delta.expired', retryable: false, status });
      // The documented way out: a full sync from scratch works.
      expect(usersOf(await collectPages(client.usersDelta()))).toHaveLength(USERS);
    });

    it('rejects a page with wrong types as graph.invalid_response', async () => {
      fx.fake.faults.inject({
        kind: 'body',
        status: 200,
        body: {
          value: [{ id: 'u1', accountEnabled: 'yes' }],
          '@odata.deltaLink': `${GRAPH_USERS_DELTA}?$deltatoken=x`,
        },
      });
      const error = await connectorError(collectPages(fx.client().usersDelta()));
      expect(error).toMatchObject({ code: 'graph.invalid_response', retryable: false });
      expect(error.message).toContain('accountEnabled');
    });

    it('rejects a nextLink that leaves Graph', async () => {
      fx.fake.faults.inject({
        kind: 'body',
        status: 200,
        body: { value: [], '@odata.nextLink': 'https://attacker.example/v1.0/groups/delta?$skiptoken=x' },
      });
      const error = await connectorError(collectPages(fx.client().groupsDelta()));
      expect(error.code).toBe('graph.invalid_response');
      expect(fx.fake.requests).toHaveLength(1);
    });
  });
});

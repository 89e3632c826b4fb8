/**
 * A measurement, not a test: Entra client only (no database yet): full users + groups delta over a generated directory served by the
 * fake in a child process (so this process's RSS is the client's alone), then a 100-change
 * incremental delta against an in-process fake.
 *   npx tsx bench/entra-full-sync.ts --users 100000 --groups 2000 --memberships 300000
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import {
  createFakeGraph,
  FAKE_CLIENT_ID,
  FAKE_CLIENT_SECRET,
  FAKE_TENANT_ID,
} from '../connectors/fake-graph/fake-graph.js';
import { generateDirectory } from '../connectors/fake-graph/generate-directory.js';
import {
  EntraDirectoryClient,
  GROUP_SELECT,
  USER_SELECT,
} from '../connectors/entra/entra-directory-client.js';
import type { EntraConnectionConfig } from '../connectors/entra/entra-directory-client.js';
import type { DeltaPage } from '../connectors/entra/directory-records.js';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    groups: { type: 'string', default: '2000' },
    memberships: { type: 'string', default: '300000' },
    port: { type: 'string', default: '4199' },
  },
});

const mb = (bytes: number): number => Math.round(bytes / 1024 / 1024);
let peakRss = 0;
const sampleRss = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

async function drain<T>(
  pages: AsyncIterable<DeltaPage<T>>,
  count: (item: T) => number,
): Promise<{ pages: number; items: number; link?: string }> {
  let pageCount = 0;
  let items = 0;
  let link: string | undefined;
  for await (const page of pages) {
    pageCount += 1;
    for (const item of page.items) items += count(item);
    link = page.deltaLink;
    sampleRss();
  }
  return { pages: pageCount, items, ...(link ? { link } : {}) };
}

function connection(url: string): EntraConnectionConfig {
  return {
    tenantId: FAKE_TENANT_ID,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    authorityHost: url,
    graphBaseUrl: url,
  };
}

// --- full sync against a fake in its own process -------------------------------------------------
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    'connectors/fake-graph/main.ts',
    '--port',
    values.port,
    '--users',
    values.users,
    '--groups',
    values.groups,
    '--memberships',
    values.memberships,
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
const fakeInfo = JSON.parse(line) as { url: string; generatedInMs: number; rssMb: number };

const client = new EntraDirectoryClient(connection(fakeInfo.url));
const started = performance.now();
const users = await drain(client.usersDelta(), () => 1);
const usersMs = performance.now() - started;
const groups = await drain(client.groupsDelta(), (g) => g.membersAdded.length);
const totalMs = performance.now() - started;
// Taken before the in-process fake below exists, so it is the client's high-water mark alone.
const clientMaxRssKb = process.resourceUsage().maxRSS;
const clientPeakRss = peakRss;
const fakePeak = await import('node:fs/promises')
  .then((fs) => fs.readFile(`/proc/${child.pid}/status`, 'utf8'))
  .then((status) => /VmHWM:\s+(\d+)/.exec(status)?.[1])
  .catch(() => undefined);
child.kill('SIGTERM');

// --- 100 changes, incremental ------------------------------------------------------------------
const directory = generateDirectory({
  users: Number(values.users),
  groups: Number(values.groups),
  memberships: Number(values.memberships),
  seed: 1,
});
const fake = createFakeGraph({ directory });
const server = await fake.listen();
const local = new EntraDirectoryClient(connection(server.url));
// "Sync from now" links stand in for the links a completed full sync would have stored.
const usersLink = (
  await drain(
    local.usersDelta(
      `https://graph.microsoft.com/v1.0/users/delta?$select=${USER_SELECT.join(',')}&$expand=manager&$deltatoken=latest`,
    ),
    () => 1,
  )
).link;
const groupsLink = (
  await drain(
    local.groupsDelta(
      `https://graph.microsoft.com/v1.0/groups/delta?$select=${GROUP_SELECT.join(',')}&$deltatoken=latest`,
    ),
    () => 1,
  )
).link;
for (let i = 0; i < 60; i += 1)
  directory.updateUser(directory.userIdAt((i * 997) % directory.userPositions), { jobTitle: `Title ${i}` });
for (let i = 0; i < 20; i += 1)
  directory.disableUser(directory.userIdAt((i * 991 + 1) % directory.userPositions));
for (let i = 0; i < 10; i += 1)
  directory.addMembers(directory.groupIdAt(i % directory.groupPositions), [
    directory.userIdAt((i * 13 + 5) % directory.userPositions),
  ]);
for (let i = 0; i < 10; i += 1) {
  const groupId = directory.groupIdAt((100 + i) % directory.groupPositions);
  const member = directory.groupMembers(groupId)[0];
  if (member) directory.removeMembers(groupId, [member]);
}
const incStarted = performance.now();
const userChanges = await drain(local.usersDelta(usersLink), () => 1);
const groupChanges = await drain(
  local.groupsDelta(groupsLink),
  (g) => g.membersAdded.length + g.membersRemoved.length,
);
const incrementalMs = performance.now() - incStarted;
await server.close();

process.stdout.write(
  JSON.stringify(
    {
      directory: {
        users: Number(values.users),
        groups: Number(values.groups),
        memberships: Number(values.memberships),
      },
      fake: {
        generatedInMs: fakeInfo.generatedInMs,
        rssAfterGenerateMb: fakeInfo.rssMb,
        peakRssMb: fakePeak ? Math.round(Number(fakePeak) / 1024) : undefined,
      },
      fullSync: {
        usersSeconds: +(usersMs / 1000).toFixed(2),
        totalSeconds: +(totalMs / 1000).toFixed(2),
        userPages: users.pages,
        users: users.items,
        groupPages: groups.pages,
        memberships: groups.items,
        clientPeakRssMb: mb(clientPeakRss),
        clientMaxRssMb: Math.round(clientMaxRssKb / 1024),
      },
      incremental: {
        changes: 100,
        userRecords: userChanges.items,
        memberChanges: groupChanges.items,
        seconds: +(incrementalMs / 1000).toFixed(3),
      },
    },
    null,
    2,
  ) + '\n',
);

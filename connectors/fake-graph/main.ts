/**
 * Serves a generated directory for local development and benchmarks:
 *   npx tsx connectors/fake-graph/main.ts --port 4100 --users 100000 --groups 2000 --memberships 300000
 * Then point a connection at authorityHost = graphBaseUrl = http://127.0.0.1:4100 with the printed
 * tenant id, client id and secret.
 */
import { parseArgs } from 'node:util';
import { createFakeGraph, FAKE_CLIENT_ID, FAKE_CLIENT_SECRET, FAKE_TENANT_ID } from './fake-graph.js';
import { generateDirectory } from './generate-directory.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4100' },
    users: { type: 'string', default: '1000' },
    groups: { type: 'string', default: '50' },
    memberships: { type: 'string', default: '3000' },
    seed: { type: 'string', default: '1' },
    'page-size': { type: 'string', default: '100' },
  },
});

const started = Date.now();
const directory = generateDirectory({
  users: Number(values.users),
  groups: Number(values.groups),
  memberships: Number(values.memberships),
  seed: Number(values.seed),
});
const fake = createFakeGraph({ directory, defaultPageSize: Number(values['page-size']) });
const server = await fake.listen(Number(values.port));

console.log(
  JSON.stringify({
    url: server.url,
    tenantId: FAKE_TENANT_ID,
    clientId: FAKE_CLIENT_ID,
    clientSecret: FAKE_CLIENT_SECRET,
    users: directory.userCount,
    groups: directory.groupCount,
    generatedInMs: Date.now() - started,
    rssMb: Math.round(process.memoryUsage().rss / 1024 / 1024),
  }),
);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

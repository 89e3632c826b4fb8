// What the once-a-second revocation check (token-verifier.ts) costs each process: the check's query timed on
// the embedded database and, with BENCH_DATABASE_URL, on a server, with 10,000 tokens of which 1,000 revoked
// (100 in the last minute). Run: npm run bench:tokens
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { createContainer } from '../src/container.js';
import { createLogger } from '../src/logger.js';
import { createTenant } from '../src/operator.js';
import { createTestDatabase } from '../test/helpers/test-db.js';

const ROUNDS = 2000;

async function measure(label: string, serverUrl: string | undefined): Promise<void> {
  if (serverUrl) process.env.TEST_DATABASE_URL = serverUrl;
  else delete process.env.TEST_DATABASE_URL;
  const { database, config } = await createTestDatabase();
  const container = await createContainer(config, createLogger('silent'), { database });
  try {
    const { tenantId } = await createTenant(container, `bench-${Date.now()}`);
    const knex = database.knex;
    await knex.raw(
      `INSERT INTO tokens (tenant_id, kind, name, hash, revoked_at)
       SELECT ?, 'scim', 'bench ' || i, decode(md5(i::text || ?), 'hex'),
              CASE WHEN i % 10 = 0 THEN now() - (CASE WHEN i % 100 = 0 THEN interval '10 seconds' ELSE interval '2 days' END) END
         FROM generate_series(1, 10000) i`,
      [tenantId, String(Date.now())],
    );
    await knex.raw('ANALYZE tokens');
    const tokens = container.services.tokens;
    let since: Date | null = null;
    for (let i = 0; i < 100; i += 1) since = (await tokens.revokedSince(since)).checkedAt;
    const times: number[] = [];
    let seen = 0;
    for (let i = 0; i < ROUNDS; i += 1) {
      const start = performance.now();
      const result = await tokens.revokedSince(since);
      times.push(performance.now() - start);
      seen = result.ids.length;
    }
    times.sort((a, b) => a - b);
    const at = (q: number) => times[Math.floor(q * (times.length - 1))]!.toFixed(2);
    console.log(
      `${label}: revocation check p50 ${at(0.5)} ms, p99 ${at(0.99)} ms over ${ROUNDS} checks ` +
        `(${seen} recent revocations returned); load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
    );
  } finally {
    await container.close();
  }
}

await measure('embedded (PGlite)', undefined);
if (process.env.BENCH_DATABASE_URL) await measure('server', process.env.BENCH_DATABASE_URL);

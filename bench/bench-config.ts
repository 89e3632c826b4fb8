/** Fixed parameters of `npm run bench`; the figures in BENCHMARKS.md are only comparable if these stay put. */
export const benchConfig = {
  /** A server where the user may create and drop databases. Only 127.0.0.1 is expected here. */
  serverUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** BENCH_DATABASE_NAME lets two checkouts bench on one server at once. */
  databaseName: process.env.BENCH_DATABASE_NAME ?? 'seatsync_bench',
  tenantName: 'bench',
  users: 100_000,
  bigGroupMembers: 50_000,
  /** autocannon connections for the throughput scenarios. */
  connections: 16,
  warmupSeconds: 3,
  measureSeconds: 10,
  /** seatsync's DB_POOL_MAX default; the bare baseline gets the same pool so the comparison is like for like. */
  poolMax: 10,
  sequentialPatches: 200,
  sequentialPatchWarmup: 20,
  concurrentPatches: 100,
  /** Bare baseline and seatsync measured in alternation (A B A B …), this many pairs, so noise shows as spread. */
  pairs: 3,
  /** Users seeded into the embedded default (PGlite in the seatsync process) for its lookups. */
  embeddedUsers: 10_000,
  /** The whole run must end by itself; past this it cleans up and fails. */
  deadlineMs: 600_000,
} as const;

/** The URL of `database` on the server of `serverUrl` (same host, user and options). */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

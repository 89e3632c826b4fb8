import express from 'express';
import pg from 'pg';

/**
 * The reference point for the GET target: the least an express + pg service can do for
 * `GET /Users?filter=userName eq "…"` — parse the one filter shape, run the same indexed lookup seatsync runs
 * (the unique index on (tenant_id, lower(user_name)) WHERE deleted_at IS NULL) and send the row as JSON. No
 * auth, no SCIM rendering, no logging, no metrics. Same URL, same pool size, same machine as seatsync.
 *
 * Run as its own process by bench/run.ts: DATABASE_URL, PORT, TENANT_ID, DB_POOL_MAX.
 */
const { DATABASE_URL, PORT, TENANT_ID, DB_POOL_MAX } = process.env;
if (!DATABASE_URL || !PORT || !TENANT_ID)
  throw new Error('bare-baseline needs DATABASE_URL, PORT and TENANT_ID');

const pool = new pg.Pool({ connectionString: DATABASE_URL, max: Number(DB_POOL_MAX ?? 10) });
const USER_NAME_EQ = /^userName eq "([^"]*)"$/;
const LOOKUP = `SELECT id, user_name, external_id, display_name, active, profile, version, created_at, updated_at
                FROM users WHERE tenant_id = $1 AND lower(user_name) = lower($2) AND deleted_at IS NULL`;

const app = express();
app.disable('x-powered-by');
app.set('etag', false);
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.get('/scim/v2/Users', async (req, res) => {
  const userName = USER_NAME_EQ.exec(String(req.query.filter ?? ''))?.[1];
  if (userName === undefined) {
    res.status(400).json({ error: 'only userName eq "…" is supported' });
    return;
  }
  const { rows } = await pool.query(LOOKUP, [TENANT_ID, userName]);
  if (rows.length === 0) res.status(404).json({ error: 'not found' });
  else res.json(rows[0]);
});

const server = app.listen(Number(PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});

import express from 'express';
import pg from 'pg';

/**
 * The reference point for the SCIM targets: the least an express + pg service can do for
 * `GET /Users?filter=userName eq "…"` — parse the one filter shape, run the same indexed lookup seatsync runs
 * (the unique index on (tenant_id, lower(user_name)) WHERE deleted_at IS NULL) and send the row as JSON — and for
 * `POST /Users`: the row and its `user.created` event inserted in one statement, 201 with the row. No auth, no
 * SCIM validation or rendering, no logging, no metrics. Same URLs, same pool size, same machine as seatsync.
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

const CREATE = `WITH u AS (
    INSERT INTO users (tenant_id, source, user_name, external_id, display_name, active, profile)
    VALUES ($1, 'scim', $2, $3, $4, true, $5::jsonb)
    RETURNING id, user_name, external_id, display_name, active, profile, version, created_at, updated_at
  ), e AS (
    INSERT INTO events (tenant_id, actor_type, action, entity_type, entity_id, user_id, after)
    SELECT $1, 'token', 'user.created', 'user', u.id, u.id, to_jsonb(u) FROM u
  )
  SELECT * FROM u`;

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

app.post('/scim/v2/Users', express.json({ type: () => true }), async (req, res) => {
  const body = req.body as { userName?: unknown; externalId?: unknown; displayName?: unknown };
  if (typeof body.userName !== 'string') {
    res.status(400).json({ error: 'userName is required' });
    return;
  }
  const { userName, externalId, displayName, ...profile } = body;
  try {
    const { rows } = await pool.query(CREATE, [
      TENANT_ID,
      userName,
      typeof externalId === 'string' ? externalId : null,
      typeof displayName === 'string' ? displayName : null,
      JSON.stringify(profile),
    ]);
    res.status(201).json(rows[0]);
  } catch (error) {
    if ((error as { code?: string }).code === '23505') res.status(409).json({ error: 'userName taken' });
    else throw error;
  }
});

const server = app.listen(Number(PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});

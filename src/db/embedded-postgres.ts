import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

/**
 * The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) served in-process over the Postgres wire
 * protocol by pglite-socket, so knex and pg talk to it exactly as to a real server.
 *
 * Limits of pglite-socket that shape the rest of the code: every client connection shares ONE session
 * (the socket server queues a connection while another holds a transaction open) and there is no
 * LISTEN/NOTIFY. Keep the pool small and set a client query timeout (db/database.ts), and poll for jobs.
 */
export interface EmbeddedPostgres {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * What every embedded database is opened with: the contrib extensions the migrations create (pg_trgm for the user
 * search index). PGlite loads an extension only when it is passed here, on every open, also of an existing data dir.
 */
export const PGLITE_OPTIONS = { extensions: { pg_trgm } };

/** Written beside the data so a CLI run can use the running server's socket instead of opening the files twice. */
const serverFile = (dataDir: string) => path.join(dataDir, 'embedded-server.json');

/** `loadDataDir` (memory only): start from a dump of another database (`PGlite.dumpDataDir`), e.g. a migrated one. */
export async function startEmbeddedPostgres(
  dataDir: string | 'memory',
  loadDataDir?: Blob,
): Promise<EmbeddedPostgres> {
  let db: PGlite;
  let lock: DataDirLock | null = null;
  if (dataDir === 'memory') {
    db = await PGlite.create('memory://', { ...PGLITE_OPTIONS, ...(loadDataDir ? { loadDataDir } : {}) });
  } else {
    await mkdir(dataDir, { recursive: true });
    lock = await lockDataDir(dataDir);
    try {
      db = await PGlite.create(path.join(dataDir, 'pg'), PGLITE_OPTIONS);
    } catch (error) {
      await lock.release();
      throw error;
    }
  }
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 32 });
  await server.start();
  const [host = '127.0.0.1', port = '0'] = server.getServerConn().split(':');
  if (dataDir !== 'memory') {
    await writeFile(serverFile(dataDir), JSON.stringify({ pid: process.pid, host, port: Number(port) }));
  }
  return {
    host,
    port: Number(port),
    async stop() {
      if (dataDir !== 'memory') await rm(serverFile(dataDir), { force: true });
      await server.stop();
      await db.close();
      await lock?.release();
    },
  };
}

/** The socket of an embedded server that another live process is running on this data dir, if any. */
export async function findRunningEmbeddedServer(
  dataDir: string,
): Promise<{ host: string; port: number } | null> {
  try {
    const info = JSON.parse(await readFile(serverFile(dataDir), 'utf8')) as {
      pid: number;
      host: string;
      port: number;
    };
    process.kill(info.pid, 0); // throws when no such process
    return { host: info.host, port: info.port };
  } catch {
    return null;
  }
}

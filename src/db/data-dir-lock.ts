import { open, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '../startup-error.js';

/**
 * One process owns an embedded database's files. PGlite has no locking of its own: a second process opening the
 * same DATA_DIR works on its own copy in memory, and whichever writes last wins — acknowledged writes of the other
 * disappear after a restart. The lock is a file created exclusively (O_EXCL) holding the owner's pid; a lock whose
 * process is gone (killed, crashed) is stale and taken over.
 */
export interface DataDirLock {
  release(): Promise<void>;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'seatsync.lock');

export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = lockFile(dataDir);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify({ pid: process.pid, since: new Date().toISOString() }));
      await handle.close();
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await lockOwner(file);
    if (owner !== null && owner.pid !== process.pid && isAlive(owner.pid)) {
      throw new StartupError(
        `DATA_DIR ${path.resolve(dataDir)} is in use by seatsync process ${owner.pid} (since ${owner.since}). ` +
          'Only one process may open the embedded database: stop that process first, run operator commands ' +
          '(`seatsync tenant …`, `token …`) while it runs (they use its socket), or set DATABASE_URL to share a ' +
          'PostgreSQL server between processes.',
      );
    }
    // Stale: its process is gone.
    await rm(file, { force: true });
  }
  throw new StartupError(`Could not lock DATA_DIR ${path.resolve(dataDir)}: another process keeps taking it`);
}

async function lockOwner(file: string): Promise<{ pid: number; since: string } | null> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { pid?: unknown; since?: unknown };
    return typeof parsed.pid === 'number' ? { pid: parsed.pid, since: String(parsed.since) } : null;
  } catch {
    // Written by a process that died between creating and filling it: stale.
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, release, totalmem, type } from 'node:os';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  os: string;
  node: string;
  postgres: string;
  /** The commit measured, and whether src/ or migrations/ differed from it. */
  revision: string;
}

/** What the figures were measured on; they mean little without it. */
export function describeMachine(postgresVersion: string, repoRoot: string): Machine {
  return {
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    postgres: postgresVersion,
    revision: revisionOf(repoRoot),
  };
}

function revisionOf(repoRoot: string): string {
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', repoRoot, ...args], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  try {
    const dirty = git('status', '--porcelain', '--', 'src', 'migrations', 'bin') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with uncommitted changes in src/migrations' : ''}`;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

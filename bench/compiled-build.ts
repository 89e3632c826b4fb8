import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * seatsync and the bare baseline compiled to JavaScript in a directory of their own, as the Docker image runs the
 * service (`npm run build`): run through tsx instead, every process carries the TypeScript compiler's transforms and
 * source maps (about 70 MB more at idle) and pays for source-mapped stack traces. The checkout's own `dist` is left
 * alone: `bin/seatsync.js` prefers a build when there is one, and a stale one would shadow the sources.
 */
export interface CompiledBuild {
  /** The package root to run `bin/seatsync.js` and `bench/bare-baseline.js` in. */
  readonly root: string;
  remove(): Promise<void>;
}

export async function compileForBench(repoRoot: string): Promise<CompiledBuild> {
  const root = await mkdtemp(path.join(tmpdir(), 'seatsync-bench-build-'));
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const outDir = path.join(root, 'dist');
  await promisify(execFile)(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
    cwd: repoRoot,
  });
  await promisify(execFile)(
    process.execPath,
    [
      tsc,
      '--ignoreConfig',
      '--outDir',
      path.join(root, 'bench'),
      '--module',
      'nodenext',
      '--target',
      'es2022',
      '--skipLibCheck',
      'bench/bare-baseline.ts',
    ],
    { cwd: repoRoot },
  );
  await mkdir(path.join(root, 'bin'));
  await copyFile(path.join(repoRoot, 'bin', 'seatsync.js'), path.join(root, 'bin', 'seatsync.js'));
  await copyFile(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  await symlink(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'));
  await symlink(path.join(repoRoot, 'dist', 'console'), path.join(outDir, 'console'));
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

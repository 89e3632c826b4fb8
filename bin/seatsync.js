#!/usr/bin/env node
// Runs the compiled CLI when there is a build (the Docker image), else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));
if (existsSync(built)) {
  await import(built);
} else {
  await import('tsx/esm');
  await import('../src/cli.ts');
}

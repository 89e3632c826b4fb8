import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import express, { Router, type Request, type Response } from 'express';
import { consoleContentSecurityPolicy } from './security-headers.js';

/** Where `npm run build:web` puts the console: dist/console under the package root. */
export function consoleDirectory(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return path.join(dir, 'dist', 'console');
}

const NONCE_PLACEHOLDER = '__CSP_NONCE__';

/**
 * The admin console: the built files at `/assets` (content-hashed names, cached for a year), and its page for
 * every other GET outside the API, so a link to `/users/…` opens the console there. Each page gets a fresh nonce
 * in its Content-Security-Policy and in a meta tag, which the console puts on the style elements its component
 * library creates at run time: styles need no 'unsafe-inline', scripts come from this origin only.
 */
export function consoleRoutes(directory = consoleDirectory()): Router {
  const router = Router();
  router.use(compression());
  const indexFile = path.join(directory, 'index.html');
  let page: string | undefined;

  router.use(
    '/assets',
    express.static(path.join(directory, 'assets'), {
      immutable: true,
      maxAge: '365d',
      index: false,
      fallthrough: false,
    }),
  );
  router.get(/.*/, (req: Request, res: Response, next) => {
    if (!req.accepts('html')) return next();
    if (!page) {
      if (!existsSync(indexFile)) {
        res
          .status(503)
          .type('text/plain')
          .send(
            'The admin console is not built: run `npm run build:web` (npm install does it), then restart.',
          );
        return;
      }
      page = readFileSync(indexFile, 'utf8');
    }
    const nonce = randomBytes(16).toString('base64');
    res
      .status(200)
      .set({
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-cache',
        'Content-Security-Policy': consoleContentSecurityPolicy(nonce),
      })
      .send(page.replaceAll(NONCE_PLACEHOLDER, nonce));
  });
  return router;
}

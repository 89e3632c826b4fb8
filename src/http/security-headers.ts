import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Headers every response carries (helmet): `nosniff`, no framing, no referrer, a strict Content-Security-Policy
 * (same-origin scripts, styles, images, fonts and fetches; nothing inline, no plugins, no framing, forms post
 * to this origin only) that covers the console when it is served from `/`, and HSTS when PUBLIC_URL is https —
 * over plain http the header would be meaningless or, behind a proxy, wrong.
 *
 * These headers depend on nothing in the request, so helmet is asked for them once, at start-up, and each response
 * gets the list: helmet's twelve middleware functions per request were 5% of a SCIM lookup's profile.
 */
export function securityHeaders(publicUrl: string) {
  const headers = headersOf(helmetFor(publicUrl));
  return (_req: Request, res: Response, next: NextFunction): void => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}

/** What a middleware that only sets headers sets, read by running it once against a response that records them. */
function headersOf(middleware: ReturnType<typeof helmet>): Array<[string, string]> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: string) => headers.set(name, value),
    removeHeader: (name: string) => headers.delete(name),
  };
  let done = false;
  middleware({} as Request, recorder as unknown as Response, (error?: unknown) => {
    if (error) throw error;
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously: its headers cannot be computed once');
  return [...headers];
}

function helmetFor(publicUrl: string) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: publicUrl.startsWith('https://')
      ? { maxAge: 31_536_000, includeSubDomains: true }
      : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
  });
}

/**
 * The console page's policy: the same as every response's, but the style elements the console's component
 * library creates at run time carry the page's nonce and are allowed by it. Style attributes set from scripts
 * (CSSOM) are not governed by the policy; none are written into the HTML.
 */
export function consoleContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * API and SCIM answers carry tokens' results, personal data and audit history: no cache (browser, proxy or
 * CDN) may keep them.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/**
 * Headers every response carries (helmet): `nosniff`, no framing, no referrer, a strict Content-Security-Policy
 * (same-origin scripts, styles, images, fonts and fetches; nothing inline, no plugins, no framing, forms post
 * to this origin only) that covers the console when it is served from `/`, and HSTS when PUBLIC_URL is https —
 * over plain http the header would be meaningless or, behind a proxy, wrong.
 */
export function securityHeaders(publicUrl: string) {
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
 * API and SCIM answers carry tokens' results, personal data and audit history: no cache (browser, proxy or
 * CDN) may keep them.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

import type { Context, Middleware } from '@microsoft/microsoft-graph-client';

/**
 * Sends requests for `https://graph.microsoft.com` to a local Graph (the fake) instead. It sits
 * after the AuthenticationHandler and right before the HTTPMessageHandler: the SDK only attaches
 * tokens to Graph hosts and treats `http://` links as relative paths, so every URL stays the
 * public https one until the moment it is fetched.
 */
export class GraphHostRewriteMiddleware implements Middleware {
  private next: Middleware | undefined;

  constructor(
    private readonly publicBase: string,
    private readonly localBase: string,
  ) {}

  setNext(next: Middleware): void {
    this.next = next;
  }

  async execute(context: Context): Promise<void> {
    if (!this.next) throw new Error('GraphHostRewriteMiddleware has no next middleware');
    const original = context.request;
    if (typeof original === 'string' && original.startsWith(`${this.publicBase}/`)) {
      context.request = this.localBase + original.slice(this.publicBase.length);
    }
    try {
      await this.next.execute(context);
    } finally {
      context.request = original;
    }
  }
}

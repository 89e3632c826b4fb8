import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { Logger } from '../logger.js';
import { StartupError } from '../startup-error.js';

export interface HttpServer {
  server: Server;
  /**
   * Graceful stop: new connections are refused, every request already received (in flight or waiting for a
   * database connection) is answered, each answer says `Connection: close` so clients do not send more on it, idle
   * keep-alive connections are closed; whatever is still open at `deadlineMs` is cut.
   */
  drain(deadlineMs: number): Promise<{ forced: number }>;
}

/**
 * Listens on host:port and resolves once listening. A port already in use (or any other listen error) is a
 * StartupError naming it — express's `app.listen` would call its callback with the error, and a process that
 * logged "listening" would run on without HTTP.
 */
export async function listen(app: Express, port: number, host: string, logger: Logger): Promise<HttpServer> {
  const server = createServer(app);
  let draining = false;
  server.on('request', (_req, res) => {
    if (draining) res.setHeader('Connection', 'close');
  });
  await new Promise<void>((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => {
      reject(
        new StartupError(
          error.code === 'EADDRINUSE'
            ? `Port ${port} on ${host} is already in use: stop what listens there or set PORT to another port`
            : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      );
    };
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
  // Keep-alive longer than typical load balancers' idle timeout, so they never reuse a closed connection.
  server.keepAliveTimeout = 65_000;
  return {
    server,
    async drain(deadlineMs) {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive connections would hold close() open until their timeout. They are closed a moment after
      // the listener stops (a request already on its way on one is then answered rather than cut), and again
      // while draining, as requests finish and their connections fall idle.
      const idle = setInterval(() => server.closeIdleConnections(), 250);
      const deadline = new Promise<'deadline'>((resolve) =>
        setTimeout(() => resolve('deadline'), deadlineMs),
      );
      const outcome = await Promise.race([closed.then(() => 'drained' as const), deadline]);
      clearInterval(idle);
      if (outcome === 'drained') return { forced: 0 };
      const forced = await new Promise<number>((resolve) =>
        server.getConnections((_error, count) => resolve(count)),
      );
      logger.warn({ connections: forced, deadlineMs }, 'shutdown deadline reached: cutting open connections');
      server.closeAllConnections();
      await closed;
      return { forced };
    },
  };
}

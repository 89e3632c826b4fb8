import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

export interface ReceivedWebhook {
  id: string;
  path: string;
  /** Verified with the Standard Webhooks library and this receiver's secret(s). */
  verified: boolean;
  body: { type: string; version: number; timestamp: string; data: Record<string, unknown> };
  headers: IncomingHttpHeaders;
}

/** What the receiver answers a request with; the default is 204. `hold` keeps the answer back until released. */
export type Answer = { status: number; headers?: Record<string, string>; hold?: Promise<void> };

/**
 * A real HTTP webhook receiver, as an integrator would write one: it reads the raw body and verifies it with the
 * `standardwebhooks` library before accepting it. `secrets` are the signing secrets it trusts (any one suffices).
 */
export async function startWebhookReceiver(options: {
  secrets: () => string[];
  answer?: (request: ReceivedWebhook, index: number) => Answer;
}) {
  const received: ReceivedWebhook[] = [];
  const waiters: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = req.headers as Record<string, string>;
      const verified = options.secrets().some((secret) => {
        try {
          new Webhook(secret).verify(raw, headers);
          return true;
        } catch {
          return false;
        }
      });
      const request: ReceivedWebhook = {
        id: String(req.headers['webhook-id']),
        path: req.url ?? '/',
        verified,
        body: JSON.parse(raw),
        headers: req.headers,
      };
      const index = received.length;
      received.push(request);
      for (const w of waiters.splice(0)) w();
      const answer = verified ? (options.answer?.(request, index) ?? { status: 204 }) : { status: 401 };
      await answer.hold;
      res.writeHead(answer.status, answer.headers ?? {}).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    /** Resolves once `count` requests have arrived. */
    async waitFor(count: number): Promise<void> {
      while (received.length < count) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

/**
 * A real SMTP server that keeps what it is sent. Recipients in `refuse` are rejected with a permanent 550, as a
 * mail server rejects an address that does not exist.
 */
export async function startSmtpSink(options: { refuse?: string[] } = {}) {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.refuse?.includes(address.address)) {
        const error = new Error('5.1.1 No such user') as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of a mail (quoted-printable bodies as nodemailer writes non-ASCII text). */
export function mailText(raw: string): string {
  const [, ...body] = raw.split(/\r?\n\r?\n/);
  return body
    .join('\n\n')
    .replace(/=\r?\n/g, '')
    .replace(/(=[0-9A-F]{2})+/g, (m) => Buffer.from(m.replace(/=/g, ''), 'hex').toString('utf8'));
}

/** A mail header, decoded if it is an encoded word. */
export function mailHeader(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/)[0]!.replace(/\r?\n[ \t]+/g, ' ');
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  const value = line?.slice(name.length + 1).trim() ?? '';
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, encoding: string, text: string) =>
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64').toString('utf8')
      : decodeURIComponent(text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, '%$1')),
  );
}

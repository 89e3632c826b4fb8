import net from 'node:net';

/**
 * A TCP proxy between the app and its database (embedded or a server, the same in both modes), which the test
 * can cut: `down` closes every connection and refuses new ones (a crashed or restarting server), `blackhole`
 * accepts connections and swallows everything (a hung server or a dead network path), `up` forwards again.
 */
export class DatabaseProxy {
  private server = net.createServer((client) => this.accept(client));
  private readonly sockets = new Set<net.Socket>();
  private mode: 'up' | 'blackhole' = 'up';
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async start(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  private accept(client: net.Socket): void {
    this.sockets.add(client);
    client.on('close', () => this.sockets.delete(client));
    client.on('error', () => client.destroy());
    if (this.mode === 'blackhole') {
      client.on('data', () => {});
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    this.sockets.add(upstream);
    upstream.on('close', () => {
      this.sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.on('data', (chunk) => {
      if (this.mode === 'up') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (this.mode === 'up') client.write(chunk);
    });
  }

  /** Every connection cut, the port closed: connects are refused. */
  async down(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }

  /** The port open again, forwarding. */
  async up(): Promise<void> {
    this.mode = 'up';
    this.server = net.createServer((client) => this.accept(client));
    await this.start(this.port);
  }

  /** Connections stay open (and new ones are accepted) but nothing gets through in either direction. */
  blackhole(): void {
    this.mode = 'blackhole';
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    if (this.server.listening) await new Promise((resolve) => this.server.close(resolve));
  }
}

import * as net from 'node:net';

interface Pair {
  client: net.Socket;
  upstream: net.Socket | null;
  drop?: () => void;
}

/**
 * A loopback TCP proxy in front of a server (the database) that a test can cut and restore: cut() drops every
 * open connection and refuses new ones, as a stopped or unreachable server would; stall() keeps them open and
 * silent, as a hung server would.
 */
export class TcpProxy {
  private server: net.Server | null = null;
  private sockets = new Set<net.Socket>();
  private pairs = new Set<Pair>();
  private stalled = false;
  port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const proxy = new TcpProxy(targetHost, targetPort);
    await proxy.listen(0);
    return proxy;
  }

  private listen(port: number): Promise<void> {
    const server = net.createServer((client) => {
      this.sockets.add(client);
      const pair: Pair = { client, upstream: null };
      const drop = () => {
        client.destroy();
        pair.upstream?.destroy();
        this.sockets.delete(client);
        if (pair.upstream) this.sockets.delete(pair.upstream);
        this.pairs.delete(pair);
      };
      pair.drop = drop;
      client.on('error', drop).on('close', drop);
      this.pairs.add(pair);
      if (this.stalled) client.pause();
      else this.connect(pair);
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        this.port = (server.address() as net.AddressInfo).port;
        resolve();
      });
    });
  }

  private connect(pair: Pair): void {
    const upstream = net.connect(this.targetPort, this.targetHost);
    pair.upstream = upstream;
    this.sockets.add(upstream);
    upstream.on('error', pair.drop!).on('close', pair.drop!);
    pair.client.pipe(upstream);
    upstream.pipe(pair.client);
    pair.client.resume();
  }

  /**
   * The server stays reachable but says nothing: connections are accepted and kept open, nothing is forwarded
   * either way (a hung server, a black-holed network), until resume().
   */
  stall(): void {
    this.stalled = true;
    for (const { client, upstream } of this.pairs) {
      client.unpipe();
      upstream?.unpipe();
      client.pause();
      upstream?.pause();
    }
  }

  /** Forwarding again: what was held is delivered, and connections accepted meanwhile reach the server. */
  resume(): void {
    this.stalled = false;
    for (const pair of this.pairs) {
      if (!pair.upstream) {
        this.connect(pair);
        continue;
      }
      pair.client.pipe(pair.upstream);
      pair.upstream.pipe(pair.client);
      pair.client.resume();
      pair.upstream.resume();
    }
  }

  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    this.pairs.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async restore(): Promise<void> {
    if (!this.server) await this.listen(this.port);
  }

  async close(): Promise<void> {
    await this.cut();
  }
}

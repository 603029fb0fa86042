import pg from 'pg';
import type { Logger } from 'pino';

/**
 * One LISTEN connection shared by the background services of a process. A lost connection is
 * re-established with backoff, and every handler is called once after reconnecting, because
 * notifications sent while disconnected are gone.
 */
export class PgListener {
  private client: pg.Client | undefined;
  private readonly handlers = new Map<string, (() => void)[]>();
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly databaseUrl: string,
    private readonly logger: Logger,
  ) {}

  /** Registers a handler for a channel (before `start`). */
  on(channel: string, handler: () => void): void {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`bad channel name ${channel}`);
    this.handlers.set(channel, [...(this.handlers.get(channel) ?? []), handler]);
  }

  /** Connects and listens on every registered channel. */
  async start(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (msg) => {
      for (const h of this.handlers.get(msg.channel) ?? []) h();
    });
    client.on('error', (err) => {
      this.logger.warn({ error: err.message }, 'notification listener lost its connection');
      this.reconnectSoon();
    });
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`listen ${channel}`);
    this.client = client;
  }

  private reconnectSoon(delayMs = 1_000): void {
    if (this.closed || this.retryTimer) return;
    const old = this.client;
    this.client = undefined;
    void old?.end().catch(() => undefined);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.closed) return;
      this.start().then(
        () => {
          for (const list of this.handlers.values()) for (const h of list) h();
        },
        () => this.reconnectSoon(Math.min(delayMs * 2, 30_000)),
      );
    }, delayMs);
    this.retryTimer.unref();
  }

  /** Closes the connection. */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.client?.end().catch(() => undefined);
  }
}

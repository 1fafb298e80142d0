import type pg from 'pg';
import { failureCode, stderrLine, type LogLine } from './pool.js';

export interface NotificationListenerOptions {
  /** Each NOTIFY on the channel. */
  onNotification(payload: string | undefined): void;
  /** false as soon as the connection is lost (notifications may be missed until it is back), true once listening again. */
  onListening?(listening: boolean): void;
  /** Names the component in the log line of a lost connection. */
  component: string;
  log?: LogLine;
  retryMs?: number;
}

/**
 * One pooled connection that LISTENs on a channel, re-established whenever it is lost (server
 * restart, network cut, a terminated backend): a listener that silently stays dead would leave
 * its readers on their slow poll for the life of the process.
 */
export class NotificationListener {
  private client: pg.PoolClient | null = null;
  private retry: NodeJS.Timeout | null = null;
  private attempt: Promise<boolean> | null = null;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly channel: string,
    private readonly options: NotificationListenerOptions,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`Bad notification channel name ${channel}`);
  }

  get listening(): boolean {
    return this.client !== null;
  }

  /** Starts listening; true when it is listening now. When it is not, it keeps trying until closed. */
  start(): Promise<boolean> {
    if (this.client) return Promise.resolve(true);
    this.attempt ??= this.connect().finally(() => {
      this.attempt = null;
    });
    return this.attempt;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    await this.attempt;
    const client = this.client;
    this.client = null;
    // Destroyed, not returned to the pool: a pooled connection must not keep listening.
    client?.release(true);
  }

  private async connect(): Promise<boolean> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch {
      this.scheduleRetry();
      return false;
    }
    client.on('notification', (message) => {
      if (message.channel === this.channel) this.options.onNotification(message.payload);
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.query(`listen ${this.channel}`);
    } catch {
      client.release(true);
      this.scheduleRetry();
      return false;
    }
    if (this.closed) {
      client.release(true);
      return false;
    }
    this.client = client;
    this.options.onListening?.(true);
    return true;
  }

  private lost(client: pg.PoolClient, error: unknown): void {
    if (this.client !== client) return;
    this.client = null;
    (this.options.log ?? stderrLine)(
      `${this.options.component}: notification connection lost (${failureCode(error)}); listening again in the background`,
    );
    this.options.onListening?.(false);
    client.release(true);
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) void this.start();
    }, this.options.retryMs ?? 1000);
    this.retry.unref();
  }
}

import type pg from 'pg';

export const KEY_SHREDDED_CHANNEL = 'crypto_key_shredded';

/**
 * Holds one connection that LISTENs for shredded subjects. When it is lost, `onLost` runs at
 * once (the cache must stop being trusted: notifications may be missed) and it reconnects.
 */
export class ShredListener {
  private client: pg.PoolClient | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly onShredded: (subjectId: string) => void,
    private readonly onListening: (listening: boolean) => void,
    private readonly retryMs = 1000,
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  async start(): Promise<void> {
    const client = await this.pool.connect();
    client.on('notification', (message) => {
      if (message.channel === KEY_SHREDDED_CHANNEL && message.payload) this.onShredded(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.query(`listen ${KEY_SHREDDED_CHANNEL}`);
    } catch (error) {
      client.release(true);
      throw error;
    }
    if (this.closed) {
      client.release(true);
      return;
    }
    this.client = client;
    this.onListening(true);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.onListening(false);
    // Destroyed, not returned to the pool: a pooled connection must not keep listening.
    client?.release(true);
  }

  private lost(client: pg.PoolClient): void {
    if (this.client !== client) return;
    this.client = null;
    this.onListening(false);
    client.release(true);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (this.closed) return;
      this.start().catch(() => this.scheduleReconnect());
    }, this.retryMs);
    this.retry.unref();
  }
}

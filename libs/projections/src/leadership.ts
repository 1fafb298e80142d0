import pg from 'pg';

/**
 * Which process runs each projection: the one holding its PostgreSQL advisory lock, on a
 * connection of its own (not the pool's). A killed process's connection closes and the lock goes
 * with it, so a standby takes over at its next try. Correctness does not rest on the lock: every
 * batch checks the build's checkpoint under a row lock; the lock only keeps two processes from
 * doing the same work.
 */
export class Leadership {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client | null> | null = null;
  private readonly held = new Set<string>();
  private lost = false;

  constructor(private readonly connection: pg.ClientConfig) {}

  /** Tries to take the lock of each projection not held yet; returns the projections held now. */
  async acquire(names: readonly string[]): Promise<ReadonlySet<string>> {
    const client = await this.connect();
    if (!client) return this.held;
    for (const name of names) {
      if (this.held.has(name)) continue;
      try {
        const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock(7212007, hashtext($1)) as ok', [name]);
        if (rows[0]?.ok) this.held.add(name);
      } catch {
        this.drop();
        break;
      }
    }
    return this.held;
  }

  /** True once the lock connection broke: every lock is gone, the runner must stop its workers. */
  takeLoss(): boolean {
    const lost = this.lost;
    this.lost = false;
    return lost;
  }

  holds(name: string): boolean {
    return this.held.has(name);
  }

  async release(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    if (client) await client.end().catch(() => undefined);
  }

  private connect(): Promise<pg.Client | null> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= (async () => {
      // Bounded, so a server that does not answer delays the next try instead of hanging every one.
      const client = new pg.Client({ connectionTimeoutMillis: 10_000, query_timeout: 10_000, ...this.connection });
      client.on('error', () => this.drop());
      try {
        await client.connect();
        this.client = client;
        return client;
      } catch {
        await client.end().catch(() => undefined);
        return null;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private drop(): void {
    if (this.held.size > 0) this.lost = true;
    this.held.clear();
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
  }
}

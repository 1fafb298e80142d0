import pg from 'pg';

/**
 * Ends the idle sessions of the given application names on the database of `url`, as a server
 * restart or a network cut would, and waits until they are gone. Returns how many were ended.
 */
export async function terminateIdleSessions(url: string, applicationNames: readonly string[]): Promise<number> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and state = 'idle' and application_name = any($1)`,
      [applicationNames],
    );
    const pids = rows.map((r) => r.pid);
    if (pids.length === 0) return 0;
    await admin.query('select pg_terminate_backend(pid) from unnest($1::int[]) as pid', [pids]);
    for (let i = 0; i < 250; i++) {
      const left = await admin.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where pid = any($1::int[])', [pids]);
      if (left.rows[0]!.n === 0) return pids.length;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`sessions ${pids.join(', ')} did not end`);
  } finally {
    await admin.end();
  }
}

/** Sessions of the database of `url` by application name and the last statement each ran. */
export async function sessionsOf(
  url: string,
  applicationName: string,
): Promise<Array<{ pid: number; state: string | null; query: string }>> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number; state: string | null; query: string }>(
      'select pid, state, query from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and application_name = $1',
      [applicationName],
    );
    return rows;
  } finally {
    await admin.end();
  }
}

/** Polls `check` until it holds, at most `timeoutMs`; the last value of `check`. */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10_000, everyMs = 25): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

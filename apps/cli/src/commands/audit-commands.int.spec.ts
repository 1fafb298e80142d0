import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import { issueLocalToken } from '../../../../libs/access/src/auth/tokens.js';
import { tokenSettings } from '../../../../libs/access/src/auth/token-settings.js';
import { loadConfig } from '../../../../libs/config/src/config.js';
import { PostgresKeyStore, parseMasterKey } from '../../../../libs/crypto/src/index.js';
import { PostgresEventStore } from '../../../../libs/event-store/src/postgres/postgres-event-store.js';
import { newEvent } from '../../../../libs/event-store/src/testing/contract.js';
import { TIP_FIELD_SCHEMAS, tipContentSubject } from '../../../../libs/tips/src/tips-context.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { runCli } from '../cli.js';
import type { CliContext } from '../command.js';

const ALLEGATION = 'Môi giới tại nhà nghỉ Bình An';
const AUDITOR = ['--user', 'auditor-vn', '--role', 'auditor', '--scope', 'VN'];

describe('audit commands against a real database: exit codes, tampering, history', () => {
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  let env: Record<string, string>;
  let tipId: string;
  const receivedAt = new Date(Date.now() - 3_600_000);

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    dir = await mkdtemp(path.join(tmpdir(), 'audit-cli-'));
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const masterKey = Buffer.alloc(32, 31).toString('base64');
    env = { DATABASE_URL: url, MASTER_KEY: masterKey, AUDIT_SIGNING_KEY: pem, DATA_DIR: dir, LOG_LEVEL: 'error' };
    // A tip recorded as the API records one (the allegation encrypted), and some other streams.
    const store = await PostgresEventStore.connect(url, 2);
    const keyStore = await PostgresKeyStore.connect(url, { masterKey: parseMasterKey(masterKey) });
    tipId = randomUUID();
    await new CaseRecords(store, keyStore, TIP_FIELD_SCHEMAS).record(
      'tip',
      tipId,
      {
        type: 'tip.received',
        data: {
          at: receivedAt.toISOString(),
          tipId,
          jurisdiction: '10015',
          channel: 'hotline',
          kind: 'denunciation',
          receivedAt: receivedAt.toISOString(),
          anonymous: true,
          allegation: ALLEGATION,
          sourceAgency: null,
        },
        subjectId: tipContentSubject(tipId),
        actorId: 'supervisor-1',
        role: 'police_supervisor',
        jurisdiction: '10015',
        purpose: 'case_handling',
        correlationId: randomUUID(),
      },
      'no_stream',
    );
    for (const stream of ['hotspot-a', 'hotspot-b']) await store.append(stream, [newEvent(), newEvent(), newEvent()], 'no_stream');
    await Promise.all([store.close(), keyStore.close()]);
  });
  afterAll(async () => {
    await drop();
    await rm(dir, { recursive: true, force: true });
  });

  async function cli(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const context: CliContext = { env, repoRoot: process.cwd(), out: (l) => out.push(l), err: (l) => err.push(l) };
    const code = await runCli(argv, context);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }
  const tamper = async (sql: string, values: unknown[] = []) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query('set session_replication_role = replica');
      return (await client.query(sql, values)).rowCount;
    } finally {
      await client.end();
    }
  };

  it('verify: exit 0 on an intact log with the counts, a progress line with the rate on stderr', async () => {
    const run = await cli('verify', ...AUDITOR);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^intact: \d+ events in \d+ streams in [\d.]+ s \([\d,]+ events\/s, postgres\)$/);
    expect(run.err).toMatch(/\[#{30}\] 100% {2}[\d,]+\/[\d,]+ events {2}[\d,]+ events\/s/);
  });

  it('bad usage exits 2, a refused caller exits 1 and the refusal is recorded', async () => {
    expect((await cli('verify')).code).toBe(2);
    expect((await cli('verify', '--user', 'a', '--role', 'auditor')).err).toContain('give each --role a --scope');
    expect((await cli('verify', ...AUDITOR, '--token', 'x')).code).toBe(2);
    expect((await cli('as-of', 'tip', tipId, '2026-02-30T00:00:00Z', ...AUDITOR)).code).toBe(2);
    expect((await cli('checkpoint', 'verify', path.join(dir, 'missing.json'), ...AUDITOR)).code).toBe(2);
    const refused = await cli('verify', '--user', 'auditor-01', '--role', 'auditor', '--scope', '01');
    expect(refused).toMatchObject({ code: 1, err: 'verify failed: Forbidden' });
    const denials = await cli('access-log', 'denials', '--actor', 'auditor-01', ...AUDITOR);
    expect(denials.code).toBe(0);
    expect(denials.out).toMatch(/auditor-01 \(-\) {2}read {2}event_log\/\*@VN {2}DENIED 403 \(outside_scope\)/);
  });

  it('accepts a bearer token instead of --user/--role/--scope', async () => {
    const settings = await tokenSettings(loadConfig(env, { isRoot: false, cwd: process.cwd() }));
    const token = await issueLocalToken(settings, { subject: 'auditor-token', grants: [{ role: 'auditor', scope: 'VN' }] });
    expect((await cli('verify', '--token', token)).code).toBe(0);
    expect((await cli('access-log', 'all', '--actor', 'auditor-token', ...AUDITOR)).out).toContain(
      'auditor-token (auditor)  read  event_log',
    );
  });

  it('as-of and replay: the tip with the allegation redacted for the auditor, and the read in the access log', async () => {
    const asOf = await cli('as-of', 'tip', tipId, new Date().toISOString(), ...AUDITOR);
    expect(asOf.code).toBe(0);
    expect(asOf.out).toContain(`tip ${tipId} as of`);
    expect(asOf.out).toContain('revision 0 of 0; redacted for you: allegation');
    expect(asOf.out).toContain('tip.received  by supervisor-1 (police_supervisor, purpose case_handling)');
    expect(asOf.out).not.toContain('Bình An');
    const before = await cli('as-of', 'tip', tipId, new Date(receivedAt.getTime() - 86_400_000).toISOString(), ...AUDITOR);
    expect(before.out).toContain('nothing recorded yet');

    const replay = await cli('replay', `tip-${tipId}`, ...AUDITOR, '--json');
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.out)).toMatchObject({
      chain: { ok: true },
      events: [{ type: 'tip.received', values: { allegation: { redacted: 'not authorised' } } }],
    });
    const supervisor = await cli('replay', `tip-${tipId}`, '--user', 'supervisor-1', '--role', 'police_supervisor', '--scope', '01');
    expect(supervisor.out).toContain(ALLEGATION);

    const viewers = await cli('access-log', 'viewers', 'tip', tipId, ...AUDITOR);
    expect(viewers.out.split('\n').filter((l) => l.includes('auditor-vn (auditor)  read  tip/'))).toHaveLength(3);
    expect(viewers.out).toContain('supervisor-1 (police_supervisor)  read  tip/');
  });

  it('checkpoint: a file kept before a cut tail proves it after the head row was rewritten (exit 3), though verify passes', async () => {
    const file = path.join(dir, 'checkpoint.json');
    const created = await cli('checkpoint', 'create', '--out', file, ...AUDITOR);
    expect(created.code).toBe(0);
    expect(created.out).toMatch(/^checkpoint [0-9a-f-]{36} created /);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({
      format: 'pcm-audit-checkpoint/1',
      heads: expect.arrayContaining([['hotspot-b', 2, expect.any(String)]]),
    });
    expect(await cli('checkpoint', 'verify', file, ...AUDITOR)).toMatchObject({ code: 0, out: expect.stringMatching(/^HOLDS: /) });

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const head = await client.query<{ hash: string }>(`select hash from es_events where stream_id = 'hotspot-b' and revision = 0`);
    await client.end();
    expect(await tamper(`delete from es_events where stream_id = 'hotspot-b' and revision >= 1`)).toBe(2);
    expect(await tamper(`update es_streams set revision = 0, head_hash = $1 where stream_id = 'hotspot-b'`, [head.rows[0]!.hash])).toBe(1);
    expect((await cli('verify', ...AUDITOR)).code).toBe(0);

    const checked = await cli('checkpoint', 'verify', file, ...AUDITOR);
    expect(checked.code).toBe(3);
    expect(checked.out).toContain('DOES NOT HOLD');
    expect(checked.out).toContain('signature: valid, by the trusted key');
    expect(checked.out).toContain('  hotspot-b revision 2: missing');

    const stranger = path.join(dir, 'stranger.pem');
    await writeFile(stranger, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
    await tamper(`delete from audit_checkpoints`);
    const untrusted = await cli('checkpoint', 'verify', file, '--public-key', stranger, ...AUDITOR);
    expect(untrusted.code).toBe(3);
    expect(untrusted.out).toContain('signature: INVALID');
  });

  it('verify: exit 3 naming the stream and revision of a changed payload byte', async () => {
    await tamper(
      `update es_events set data = jsonb_set(data, '{note}', to_jsonb(overlay(data->>'note' placing 'y' from 1 for 1))) where stream_id = 'hotspot-a' and revision = 1`,
    );
    const run = await cli('verify', ...AUDITOR);
    expect(run.code).toBe(3);
    expect(run.out.split('\n')[0]).toBe('BROKEN: stream hotspot-a at revision 1 (hash_mismatch)');
    expect((await cli('checkpoint', 'create', ...AUDITOR)).err).toContain('The log does not verify; no checkpoint was signed');
  });
});

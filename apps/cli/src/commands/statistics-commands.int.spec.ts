import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import { vnDate } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { PostgresKeyStore, parseMasterKey } from '../../../../libs/crypto/src/index.js';
import { ESTABLISHMENT_SCHEMAS } from '../../../../libs/establishments/src/establishments-context.js';
import { PostgresEventStore } from '../../../../libs/event-store/src/postgres/postgres-event-store.js';
import { INSPECTION_SCHEMAS } from '../../../../libs/inspections/src/inspections-context.js';
import { pageLines, readPdf } from '../../../../libs/indicators/src/reports/testing/pdf-text.js';
import { createTestDatabase } from '../../../../test/support/database.js';
import { runCli } from '../cli.js';
import type { CliContext } from '../command.js';

const TODAY = vnDate(new Date());
const YEAR = TODAY.slice(0, 4);

describe('CLI: rebuild a projection and write the periodic report, against a real database', () => {
  let url: string;
  let drop: () => Promise<void>;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    ({ url, drop } = await createTestDatabase());
    dir = await mkdtemp(path.join(tmpdir(), 'statistics-cli-'));
    const masterKey = Buffer.alloc(32, 33).toString('base64');
    env = { DATABASE_URL: url, MASTER_KEY: masterKey, DATA_DIR: dir, LOG_LEVEL: 'error' };
    const store = await PostgresEventStore.connect(url, 2);
    const keyStore = await PostgresKeyStore.connect(url, { masterKey: parseMasterKey(masterKey) });
    const meta = {
      actorId: 'inspector-1',
      role: 'inspector',
      jurisdiction: '07900',
      purpose: 'case_handling',
      correlationId: randomUUID(),
    };
    // Three at-risk establishments in the commune, one of them inspected today → 1 of 3.
    const establishments = [randomUUID(), randomUUID(), randomUUID()];
    const records = new CaseRecords(store, keyStore, ESTABLISHMENT_SCHEMAS);
    for (const id of establishments) {
      const data = {
        commune: '07900',
        establishmentType: 'massage',
        businessName: 'Cơ sở',
        address: 'Số 1',
        businessLicenceNumber: null,
        securityPermitNumber: null,
        ownerSubjectId: `owner-${id}`,
        ownerName: 'Chủ Cơ Sở',
        ownerContact: '0900',
      };
      await records.record('establishment', id, { type: 'establishment.registered', data, subjectId: `owner-${id}`, ...meta }, 'no_stream');
    }
    const inspection = randomUUID();
    const inspections = new CaseRecords(store, keyStore, INSPECTION_SCHEMAS);
    await inspections.record(
      'inspection',
      inspection,
      {
        type: 'inspection.planned',
        data: { establishmentId: establishments[0]!, jurisdiction: '07900', mode: 'scheduled', triggeringTipId: null, plannedDate: TODAY },
        subjectId: `inspection-${inspection}`,
        ...meta,
      },
      'no_stream',
    );
    await inspections.record(
      'inspection',
      inspection,
      {
        type: 'inspection.conducted',
        data: { conductedOn: TODAY, teamSize: 3, findings: 'compliant', violationDescription: null },
        subjectId: `inspection-${inspection}`,
        ...meta,
      },
      0,
    );
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

  it('rebuild: builds the indicator facts from the log and swaps them in; an unknown projection is bad usage', async () => {
    const run = await cli('rebuild', 'indicator_facts');
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^indicator_facts: build \d+ \(version \d+\) is live after [\d.]+ s$/);
    const bad = await cli('rebuild', 'no_such_view');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('indicator_facts');
  }, 60_000);

  it('report: a CSV file with a BOM, the hand-counted value, and a progress line', async () => {
    const file = path.join(dir, 'report.csv');
    const run = await cli('report', '--area', '07900', '--period', 'year', '--year', YEAR, '--format', 'csv', '--out', file);
    expect(run.code).toBe(0);
    expect(run.err).toContain('[####] 4/4 write report');
    const body = await readFile(file);
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    // 3 at-risk establishments, 1 inspected → 33.3 %.
    expect(body.toString('utf8')).toMatch(/\r\nat_risk_establishments_inspected,[^\r\n]*,"33,3 %",1,3,,\r\n/);
    const english = await cli(
      'report',
      '--area',
      '07900',
      '--period',
      'quarter',
      '--index',
      '4',
      '--year',
      YEAR,
      '--format',
      'html',
      '--lang',
      'en',
    );
    expect(english.out).toContain('<html lang="en">');
    expect((await cli('report', '--area', '07900', '--period', 'quarter', '--index', '5', '--year', YEAR)).code).toBe(2);
    expect((await cli('report', '--area', '07900', '--period', 'year', '--year', YEAR, '--format', 'xlsx')).code).toBe(2);
  }, 60_000);

  it('report: a PDF only with --out; the file reads back with the area, the hand-counted row and the page number', async () => {
    const stdout = await cli('report', '--area', '07900', '--period', 'year', '--year', YEAR, '--format', 'pdf');
    expect(stdout.code).toBe(2);
    expect(stdout.err).toContain('--out FILE: the PDF report is written to a file');
    expect(stdout.out).toBe('');
    const file = path.join(dir, 'report.pdf');
    const run = await cli('report', '--area', '07900', '--period', 'year', '--year', YEAR, '--format', 'pdf', '--out', file);
    expect(run.code).toBe(0);
    expect(run.out).toBe('');
    const body = await readFile(file);
    expect(run.err).toContain(`${file}: `);
    expect(run.err).toContain(`, ${body.length} bytes`);
    const pdf = await readPdf(body);
    const lines = pdf.pages.flatMap(pageLines);
    expect(lines.join(' ')).toMatch(/Địa bàn: [^(]+ \(07900\)/);
    expect(lines.find((line) => line.startsWith('at_risk_establishments_inspected '))).toMatch(/ 33,3 % 1 3$/);
    expect(lines.at(-1)).toBe(`Trang ${pdf.pageCount}/${pdf.pageCount}`);
  }, 60_000);
});

import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../../database/src/transaction.js';
import { CaseEventStream } from '../../deadlines/src/testing/case-event-stream.js';
import type { PostgresEventStore } from '../../event-store/src/postgres/postgres-event-store.js';
import type { JsonObject, RecordedEvent } from '../../event-store/src/port.js';
import { ProjectionRunner } from '../../projections/src/projection-runner.js';
import { openTestLog, type TestLog } from '../../projections/src/testing/test-log.js';
import { PLATFORM_UPCASTERS } from '../../upcasting/src/platform-upcasters.js';
import { CASE_INDEX_PROJECTION, caseIndexProjection } from './case-index-projection.js';
import { CaseIndexViews, type CaseIndexEntry, type CaseIndexScope } from './case-index-views.js';
import { CASE_INDEX_KINDS, LABEL_SEPARATOR } from './domain/case-entry.js';
import { ENFORCEMENT_SCHEMAS, labelledHistory, NOT_PUBLIC, valueOf } from './testing/labelled-events.js';

const metadata = (unit: string) => ({
  actorId: 'index-test',
  role: 'police_officer',
  jurisdiction: unit,
  purpose: 'case_handling',
  correlationId: randomUUID(),
  causationId: null,
  occurredAt: new Date().toISOString(),
});
const everywhere = (kinds: readonly (typeof CASE_INDEX_KINDS)[number][] = CASE_INDEX_KINDS): CaseIndexScope[] =>
  kinds.map((kind) => ({ kind, jurisdictions: null, assigneeOnly: null, assigneesVisible: true }));

describe('case index projection on PostgreSQL', () => {
  let log: TestLog;
  let store: PostgresEventStore;
  let pool: pg.Pool;
  const ids = {
    tip: randomUUID(),
    guesthouse: randomUUID(),
    hotspot: randomUUID(),
    inspection: randomUUID(),
    penalty: randomUUID(),
    otherPenalty: randomUUID(),
  };

  const append = (stream: string, events: Array<{ type: string; data: JsonObject; schemaVersion?: number }>, unit: string) =>
    store.append(
      stream,
      events.map((e) => ({ id: randomUUID(), type: e.type, schemaVersion: e.schemaVersion ?? 1, data: e.data, metadata: metadata(unit) })),
      'any',
    );
  const rows = async (schema: string) => (await pool.query(`select * from ${schema}.case_index order by kind, case_id`)).rows;
  const runTo = async (runner: ProjectionRunner) => {
    const total = Number((await pool.query('select count(*) from es_events')).rows[0].count);
    while (((await runner.catalog.current(CASE_INDEX_PROJECTION)).live?.position ?? 0) < total) await new Promise((r) => setTimeout(r, 50));
  };

  beforeAll(async () => {
    log = await openTestLog();
    ({ store, pool } = log);
    await new CaseEventStream().appendNext(store, 300);
    const at = new Date().toISOString();
    await append(
      `tip-${ids.tip}`,
      [
        {
          type: 'tip.received',
          data: {
            at,
            tipId: ids.tip,
            jurisdiction: '10015',
            channel: 'hotline',
            kind: 'denunciation',
            receivedAt: at,
            anonymous: false,
            allegation: { ciphertext: 'x' },
            sourceAgency: null,
          },
        },
        { type: 'tip.classified', data: { at, category: 'brokering', note: null } },
        { type: 'tip.assigned', data: { at, assigneeId: 'officer-index' } },
        { type: 'tip.verification_started', data: { at, note: null } },
      ],
      '10015',
    );
    await append(
      `establishment-${ids.guesthouse}`,
      [
        {
          type: 'establishment.registered',
          data: {
            commune: '10030',
            establishmentType: 'guesthouse',
            businessName: 'Nhà nghỉ Hoa Sen',
            address: 'Số 1',
            businessLicenceNumber: 'GP-1',
            securityPermitNumber: null,
            ownerSubjectId: 'owner-1',
            ownerName: { ciphertext: 'x' },
            ownerContact: { ciphertext: 'y' },
          },
        },
        { type: 'establishment.risk_classified', data: { riskClass: 'high', riskReason: 'Nhiều phản ánh' } },
      ],
      '10030',
    );
    await append(
      `hotspot-${ids.hotspot}`,
      [
        {
          type: 'hotspot.identified',
          data: { jurisdiction: '10015', hotspotKind: 'street', locationDescription: 'Ngõ 5 gần chợ', identifiedOn: '2026-03-01' },
        },
        { type: 'hotspot.treatment_started', data: { treatmentPlan: 'Tuần tra', treatmentStartedOn: '2026-03-02' } },
        { type: 'hotspot.eradicated', data: { eradicatedOn: '2026-03-20' } },
      ],
      '10015',
    );
    await append(
      `inspection-${ids.inspection}`,
      [
        {
          type: 'inspection.planned',
          data: {
            establishmentId: ids.guesthouse,
            jurisdiction: '10030',
            mode: 'unannounced',
            triggeringTipId: ids.tip,
            plannedDate: '2026-03-05',
          },
        },
        {
          type: 'inspection.conducted',
          data: { conductedOn: '2026-03-05', teamSize: 3, findings: 'violations', violationDescription: 'Không đăng ký lưu trú' },
        },
      ],
      '10030',
    );
    const record = (assigneeId: string) => ({
      type: 'penalty.violation_recorded',
      data: {
        jurisdiction: '10015',
        violationDate: '2026-03-01',
        recordedOn: '2026-03-02',
        act: '34.1',
        multiplePeopleAtOnce: false,
        offenderType: 'organisation',
        referenceTable: 'decree-282-2025',
        explanationRight: false,
        tipId: ids.tip,
        summary: { ciphertext: 'z' },
        assigneeId,
      },
    });
    // A decision in schema version 1 (no totals): upcast on the way in, as the context folds it.
    const decidedV1 = {
      type: 'penalty.decided',
      schemaVersion: 1,
      data: {
        decidedOn: '2026-03-09',
        decisionNumber: '1/QĐ',
        position: 'commune_people_committee_chair',
        referenceTable: 'decree-282-2025',
        sanctions: [{ subjectId: 's-1', sanction: 'fine', amount: 1000 }],
        additionalMeasures: [],
      },
    };
    await append(
      `penalty_case-${ids.penalty}`,
      [record('officer-index'), decidedV1, { type: 'penalty.decision_delivered', data: { deliveredOn: '2026-03-10', late: false } }],
      '10015',
    );
    await append(
      `penalty_case-${ids.otherPenalty}`,
      [
        record('officer-other'),
        decidedV1,
        { type: 'penalty.decision_delivered', data: { deliveredOn: '2026-03-10', late: false } },
        {
          type: 'penalty.fine_paid',
          data: { subjectId: 's-1', paidOn: '2026-03-12', fine: 1000, lateDays: 0, lateFee: 0, amountPaid: 1000 },
        },
      ],
      '10015',
    );
    await new CaseEventStream(Date.parse('2026-11-01T02:00:00Z')).appendNext(store, 100);
  });
  afterAll(() => log.close());

  it('gives the same rows whether a case’s events arrive in many small batches or in one rebuild', async () => {
    const small = new ProjectionRunner(store, pool, [caseIndexProjection()], { batchSize: 7, superviseMs: 100 });
    await small.start();
    await runTo(small);
    const live = await rows('rm_case_index');
    await small.stop();
    expect(live.length).toBeGreaterThan(100);
    expect(new Set(live.map((r) => r.kind))).toEqual(new Set(CASE_INDEX_KINDS));

    const large = new ProjectionRunner(store, pool, [caseIndexProjection()], { batchSize: 5000, superviseMs: 100 });
    await large.start();
    await large.rebuild(CASE_INDEX_PROJECTION);
    await large.stop();
    expect(await rows('rm_case_index')).toEqual(live);
  });

  it('keeps one row per case with its unit, status, assignee, dates and a label of public codes', async () => {
    const byId = new Map((await rows('rm_case_index')).map((r) => [r.case_id, r]));
    const pick = (id: string) => {
      const r = byId.get(id)!;
      return { kind: r.kind, jurisdiction: r.jurisdiction, status: r.status, assignees: r.assignee_ids, label: r.label };
    };
    expect(pick(ids.tip)).toEqual({
      kind: 'tip',
      jurisdiction: '10015',
      status: 'verifying',
      assignees: ['officer-index'],
      label: 'denunciation · hotline · brokering',
    });
    expect(pick(ids.guesthouse)).toEqual({
      kind: 'establishment',
      jurisdiction: '10030',
      status: 'registered',
      assignees: [],
      label: 'guesthouse',
    });
    expect(pick(ids.hotspot)).toEqual({ kind: 'hotspot', jurisdiction: '10015', status: 'eradicated', assignees: [], label: 'street' });
    expect(pick(ids.inspection)).toEqual({ kind: 'inspection', jurisdiction: '10030', status: 'conducted', assignees: [], label: '' });
    expect(pick(ids.penalty)).toEqual({
      kind: 'penalty_case',
      jurisdiction: '10015',
      status: 'delivered',
      assignees: ['officer-index'],
      label: '34.1 · organisation',
    });
    expect(pick(ids.otherPenalty).status).toBe('settled');
    const tip = byId.get(ids.tip)!;
    expect(tip.revision).toBe(3);
    const stream = await store.readStream(`tip-${ids.tip}`);
    expect((tip.last_event_at as Date).toISOString()).toBe(stream[3]!.metadata.recordedAt);
    const body = JSON.stringify([...byId.values()]);
    for (const secret of [
      'Nhà nghỉ Hoa Sen',
      'Số 1',
      'GP-1',
      'Nhiều phản ánh',
      'Ngõ 5',
      'Tuần tra',
      'Không đăng ký',
      'unannounced',
      'ciphertext',
      's-1',
      '1/QĐ',
    ])
      expect(body).not.toContain(secret);
  });

  it('skips events at or below a case’s stored revision, so applying a batch twice changes nothing', async () => {
    const live = (await new ProjectionRunner(store, pool, [caseIndexProjection()]).catalog.current(CASE_INDEX_PROJECTION)).live!;
    const before = await rows(live.schemaName);
    const { events } = await store.readAll(null, 2000);
    const projection = caseIndexProjection();
    await inTransaction(pool, async (tx) => {
      await tx.query(`set local search_path to ${live.schemaName}`);
      await projection.apply(
        events.filter((e) => projection.eventTypes.includes(e.type)),
        tx,
      );
    });
    expect(await rows(live.schemaName)).toEqual(before);
  });

  it('stores values of public fields only (and the assignee ids the policy scopes by), for every event type it reads', async () => {
    const projection = caseIndexProjection();
    const scratch = `case_index_labels_${Date.now()}`;
    const stored = await inTransaction(pool, async (tx) => {
      await tx.query(`create schema ${scratch}`);
      await tx.query(`set local search_path to ${scratch}`);
      await tx.query(projection.schema);
      let position = 0;
      const events: RecordedEvent[] = CASE_INDEX_KINDS.flatMap((kind) =>
        labelledHistory(kind).map((e, revision) => ({
          id: randomUUID(),
          streamId: `${kind}-labelled`,
          type: e.type,
          schemaVersion: PLATFORM_UPCASTERS.currentVersion(e.type),
          data: e.data,
          metadata: { ...metadata('VN'), recordedAt: new Date(Date.UTC(2026, 2, 2, 2, 0, position)).toISOString() },
          revision,
          checkpoint: String(++position),
          hash: '',
        })),
      );
      expect(events.map((e) => e.type).sort()).toEqual([...projection.eventTypes].sort());
      await projection.apply(events, tx);
      const result = (await tx.query(`select * from case_index order by kind`)).rows;
      await tx.query(`drop schema ${scratch} cascade`);
      return result;
    });
    expect(stored.map((r) => r.kind)).toEqual([...CASE_INDEX_KINDS].sort());
    const assigneeFields = new Set([
      valueOf('tip.assigned', 'assigneeId', 'internal'),
      valueOf('penalty.violation_recorded', 'assigneeId', 'internal'),
    ]);
    for (const row of stored) {
      const publicValues = new Set(
        labelledHistory(row.kind).flatMap((e) =>
          Object.entries(ENFORCEMENT_SCHEMAS[row.kind as 'tip'].of(e.type))
            .filter(([, label]) => label === 'public')
            .map(([field]) => valueOf(e.type, field, 'public')),
        ),
      );
      // Every text stored anywhere in the row (columns and the details kept for the fold).
      const texts: Array<[string, string]> = [];
      const walk = (column: string, value: unknown): void => {
        if (typeof value === 'string') texts.push([column, value]);
        else if (Array.isArray(value)) value.forEach((v) => walk(column, v));
        else if (value && typeof value === 'object' && !(value instanceof Date)) Object.values(value).forEach((v) => walk(column, v));
      };
      Object.entries(row).forEach(([column, value]) => walk(column, value));
      for (const [column, value] of texts.filter(([, v]) => v.includes(NOT_PUBLIC)))
        expect({ column, value, allowed: column === 'assignee_ids' && assigneeFields.has(value) }).toEqual({
          column,
          value,
          allowed: true,
        });
      expect(publicValues.has(row.jurisdiction)).toBe(true);
      for (const part of row.label === '' ? [] : row.label.split(LABEL_SEPARATOR))
        expect({ kind: row.kind, part, public: publicValues.has(part) }).toEqual({ kind: row.kind, part, public: true });
    }
    const labels = Object.fromEntries(stored.map((r) => [r.kind, r.label]));
    expect(labels).toEqual({
      tip: ['tip.received.kind', 'tip.received.channel', 'tip.classified.category'].join(LABEL_SEPARATOR),
      establishment: 'establishment.registered.establishmentType',
      inspection: '',
      hotspot: 'hotspot.identified.hotspotKind',
      penalty_case: ['penalty.violation_recorded.act', 'penalty.violation_recorded.offenderType'].join(LABEL_SEPARATOR),
    });
  });

  describe('queries through the live view', () => {
    const views = () => new CaseIndexViews(pool);
    const all = async (scopes: CaseIndexScope[], filter: { status?: string; q?: string; assignee?: string } = {}) =>
      (await views().list(scopes, { ...filter, limit: 100_000 })).cases;

    it('answers by unit, assignee and status, latest activity first', async () => {
      const every = await all(everywhere());
      const order = every.map((c) => [c.lastEventAt, c.caseId]);
      expect(order).toEqual([...order].sort((a, b) => (a[0]! > b[0]! ? -1 : a[0]! < b[0]! ? 1 : a[1]! < b[1]! ? -1 : 1)));
      const commune = await all([{ kind: 'tip', jurisdictions: ['10015'], assigneeOnly: null, assigneesVisible: true }]);
      expect(commune.length).toBeGreaterThan(0);
      expect(commune).toEqual(every.filter((c) => c.kind === 'tip' && c.jurisdiction === '10015'));
      const own = await all(everywhere(['tip', 'penalty_case']).map((s) => ({ ...s, assigneeOnly: 'officer-index' })));
      expect(new Set(own.map((c) => c.caseId))).toEqual(new Set([ids.tip, ids.penalty]));
      expect(await all(everywhere(), { assignee: 'officer-index' })).toEqual(own);
      const settled = await all(everywhere(), { status: 'settled' });
      expect(settled.map((c) => c.caseId)).toContain(ids.otherPenalty);
      expect(settled.map((c) => c.caseId)).not.toContain(ids.penalty);
      expect(settled.every((c) => c.kind === 'penalty_case' && c.status === 'settled')).toBe(true);
      expect(await views().list([], { limit: 10 })).toEqual({ cases: [], next: null });
    });

    it('searches the label and its Vietnamese words, case and diacritics ignored, wildcards taken literally', async () => {
      const found = async (q: string) => (await all(everywhere(), { q })).map((c) => c.caseId);
      expect(await found('NHÀ NGHỈ')).toEqual([ids.guesthouse]);
      expect(await found('nha nghi')).toEqual([ids.guesthouse]);
      expect(await found('Tố giác')).toEqual([ids.tip]);
      expect(await found('điều 34.1')).toEqual(expect.arrayContaining([ids.penalty, ids.otherPenalty]));
      expect(await found('Hoa Sen')).toEqual([]);
      expect(await found('%')).toEqual([]);
    });

    it('pages through every row exactly once, in order, with a redaction marker where assignees may not be seen', async () => {
      const every = await all(everywhere());
      const seen: CaseIndexEntry[] = [];
      let after;
      for (let page = 0; page < 1000; page++) {
        const result = await views().list(everywhere(), { limit: 17, after });
        seen.push(...result.cases);
        if (!result.next) break;
        expect(result.cases).toHaveLength(17);
        after = result.next;
      }
      expect(seen).toEqual(every);
      const hidden = await all([{ kind: 'tip', jurisdictions: null, assigneeOnly: null, assigneesVisible: false }]);
      expect(hidden.find((c) => c.caseId === ids.tip)!.assigneeIds).toEqual({ redacted: 'not authorised' });
    });
  });
});

import { FieldSchemas } from '../../access/src/application/case-records.js';
import { TIP_FIELD_SCHEMAS } from '../../tips/src/tips-context.js';
import { toCurrentDomainEvent } from '../../upcasting/src/platform-upcasters.js';
import { ContractViolationError, type IntegrationMapper } from './contract.js';
import { IntegrationMapping, type SourceEvent } from './integration-mapping.js';
import { PLATFORM_INTEGRATION } from './platform-mapping.js';
import { NonPublicFieldError } from './public-view.js';
import { enforcementScript, runInMemory, supportScript, UNIT, type MemoryEvent } from './testing/case-scripts.testkit.js';

/** Maps a log the way the relay does: each event upcast, with the earlier events of its stream. */
function mapLog(log: readonly MemoryEvent[], mapping = PLATFORM_INTEGRATION) {
  const byStream = new Map<string, SourceEvent[]>();
  return log.flatMap((stored) => {
    const { data } = toCurrentDomainEvent({ type: stored.type, schemaVersion: stored.schemaVersion, data: stored.data });
    const event: SourceEvent = {
      id: stored.id,
      streamId: stored.streamId,
      type: stored.type,
      data,
      occurredAt: stored.metadata.occurredAt,
    };
    const earlier = byStream.get(stored.streamId) ?? [];
    const mapped = mapping.map(event, earlier);
    byStream.set(stored.streamId, [...earlier, event]);
    return mapped ? [mapped] : [];
  });
}

describe('integration events: the allow-list of mappers', () => {
  const log = runInMemory(enforcementScript());
  const published = mapLog(log);

  it('publishes the status changes of every enforcement context, keyed by stream, on versioned topics', () => {
    expect(published.map((e) => `${e.topic} ${e.contract}.v${e.version}`)).toEqual([
      'pcm.tips.v1 tip.received.v1',
      'pcm.tips.v1 tip.classified.v1',
      'pcm.tips.v1 tip.closed.v1',
      'pcm.penalties.v1 penalty.decision_issued.v1',
      'pcm.establishments.v1 establishment.status_changed.v1',
      'pcm.establishments.v1 establishment.status_changed.v1',
      'pcm.inspections.v1 inspection.status_changed.v1',
      'pcm.inspections.v1 inspection.status_changed.v1',
      'pcm.inspections.v1 inspection.status_changed.v1',
      'pcm.inspections.v1 inspection.status_changed.v1',
      'pcm.hotspots.v1 hotspot.status_changed.v1',
      'pcm.hotspots.v1 hotspot.status_changed.v1',
      'pcm.hotspots.v1 hotspot.status_changed.v1',
      'pcm.hotspots.v1 hotspot.status_changed.v1',
    ]);
    for (const event of published) {
      const source = log.find((e) => e.id === event.eventId)!;
      expect(event.key).toBe(source.streamId);
    }
    expect(PLATFORM_INTEGRATION.topics()).toEqual([
      'pcm.establishments.v1',
      'pcm.hotspots.v1',
      'pcm.inspections.v1',
      'pcm.penalties.v1',
      'pcm.tips.v1',
    ]);
  });

  it('carries units, codes and totals looked up from earlier events of the case, and the day it happened', () => {
    const byContract = (name: string): Array<Record<string, unknown>> =>
      published.filter((e) => e.contract === name).map((e) => ({ ...e.data, occurredOn: e.occurredOn }));
    expect(byContract('tip.received')).toEqual([
      { unit: UNIT, channel: 'hotline', tipKind: 'denunciation', receivedOn: '2026-03-02', occurredOn: '2026-03-02' },
    ]);
    expect(byContract('tip.closed')).toEqual([
      { unit: UNIT, category: 'brokering', outcome: 'passed_to_administrative_handling', occurredOn: '2026-03-10' },
    ]);
    expect(byContract('penalty.decision_issued')).toEqual([
      {
        unit: UNIT,
        act: '35.1',
        offenderType: 'individual',
        warningCount: 0,
        fineCount: 2,
        fineTotal: 45_000_000,
        occurredOn: '2026-03-10',
      },
    ]);
    expect(byContract('establishment.status_changed').map((d) => [d.unit, d.establishmentType, d.status])).toEqual([
      [UNIT, 'karaoke', 'registered'],
      [UNIT, 'karaoke', 'closed'],
    ]);
    expect(byContract('inspection.status_changed').map((d) => d.status)).toEqual(['planned', 'conducted', 'penalty_linked', 'closed']);
    expect(byContract('hotspot.status_changed').map((d) => [d.status, d.statusOn, d.hotspotKind])).toEqual([
      ['identified', '2026-03-02', 'street'],
      ['under_treatment', '2026-03-05', 'street'],
      ['eradicated', '2026-05-05', 'street'],
      ['reactivated', '2026-09-05', 'street'],
    ]);
  });

  it('skips every event it has no mapper for, and everything of the support compartment', () => {
    const mappedTypes = new Set(PLATFORM_INTEGRATION.mappers.map((m) => m.source));
    const skipped = log.filter((e) => !published.some((p) => p.eventId === e.id));
    expect(skipped.length).toBeGreaterThan(0);
    for (const event of skipped) expect(mappedTypes.has(event.type)).toBe(false);
    const support = runInMemory(supportScript());
    expect(support.map((e) => e.type)).toEqual(
      expect.arrayContaining(['outreach_referral.created', 'support_case.opened', 'support_case.needs_screened']),
    );
    expect(mapLog(support)).toEqual([]);
  });

  it('publishes a mapped type only from streams of its kind of case', () => {
    const received = log.find((e) => e.type === 'tip.received')!;
    const event = { id: received.id, type: received.type, data: received.data, occurredAt: received.metadata.occurredAt };
    expect(PLATFORM_INTEGRATION.map({ ...event, streamId: received.streamId })).not.toBeNull();
    expect(PLATFORM_INTEGRATION.map({ ...event, streamId: received.streamId.replace(/^tip-/, 'support_case-') })).toBeNull();
  });
});

describe('integration events: only public fields, codes and numbers leave', () => {
  const received = runInMemory(enforcementScript()).find((e) => e.type === 'tip.received')!;
  const event: SourceEvent = {
    id: received.id,
    streamId: received.streamId,
    type: received.type,
    data: received.data,
    occurredAt: received.metadata.occurredAt,
  };
  const rogue = (map: IntegrationMapper['map'], fields: string[] = ['value']): IntegrationMapping =>
    new IntegrationMapping([
      {
        kind: 'tip',
        schemas: TIP_FIELD_SCHEMAS,
        source: 'tip.received',
        reads: [],
        contract: { name: 'tip.rogue', version: 1, topic: 'pcm.tips.v1', fields },
        map,
      },
    ]);

  it('fails a mapper that reads a personal, internal or unlabelled field, naming the field and its label', () => {
    expect(() => rogue(({ event }) => ({ value: event.data.allegation as string })).map(event)).toThrow(NonPublicFieldError);
    expect(() => rogue(({ event }) => ({ value: event.data.sourceAgency as string })).map(event)).toThrow(
      /tip\.received\.sourceAgency, which is internal/,
    );
    expect(() => rogue(({ event }) => ({ value: event.data.reporterName as string })).map(event)).toThrow(/which is unlabelled/);
  });

  it('gives a mapper a view in which no other field exists', () => {
    let keys: string[] = [];
    rogue(({ event: e }) => {
      keys = Object.keys(e.data);
      return { value: 'x' };
    }).map(event);
    expect(keys.sort()).toEqual(['anonymous', 'at', 'channel', 'jurisdiction', 'kind', 'receivedAt', 'tipId']);
  });

  it('refuses free text, nested values, and fields the contract does not declare', () => {
    expect(() => rogue(() => ({ value: 'hai từ' })).map(event)).toThrow(ContractViolationError);
    expect(() => rogue(() => ({ value: { nested: 1 } as never })).map(event)).toThrow(ContractViolationError);
    expect(() => rogue(() => ({ value: 'x', extra: 'y' })).map(event)).toThrow(/not in the contract: extra/);
    expect(() => rogue(() => ({})).map(event)).toThrow(/missing: value/);
  });

  it('refuses to build an allow-list with a support-compartment mapper, a duplicate, or an undeclared look-up', () => {
    const schemas = new FieldSchemas().register('support_case.opened', { jurisdiction: 'public' });
    expect(
      () =>
        new IntegrationMapping([
          {
            kind: 'support_case',
            schemas,
            source: 'support_case.opened',
            reads: [],
            contract: { name: 'x', version: 1, topic: 'pcm.support.v1', fields: ['unit'] },
            map: () => ({ unit: null }),
          },
        ]),
    ).toThrow(/enforcement compartment/);
    const mapper = PLATFORM_INTEGRATION.mappers[0]!;
    expect(() => new IntegrationMapping([mapper, mapper])).toThrow(/mapped twice/);
    expect(() => new IntegrationMapping([{ ...mapper, contract: { ...mapper.contract, topic: 'pcm.tips.v2' } }])).toThrow(/is not pcm/);
    expect(() => rogue(({ latest }) => ({ value: String(latest('tip.classified')) })).map(event)).toThrow(/without declaring it in reads/);
  });
});

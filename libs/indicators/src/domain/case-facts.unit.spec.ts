import { hmacPersonKey } from '../statistics-key.js';
import { FACT_SOURCES, type CaseFactSource, type FactEvent } from './case-facts.js';

const personKey = hmacPersonKey(Buffer.alloc(32, 9));
const source = (kind: string) => FACT_SOURCES.find((s) => s.kind === kind)! as CaseFactSource<unknown>;
const fold = (kind: string, events: Array<Omit<FactEvent, 'recordedOn'> & { recordedOn?: string }>) =>
  events.reduce((state, e) => source(kind).evolve(state, { recordedOn: '2026-03-01', ...e }, personKey), source(kind).initial);

describe('statistics facts of a case, from its events', () => {
  it('a penalty decision gives one fact per person, keyed by a keyed hash: never the subject id', () => {
    const state = fold('penalty_case', [
      { type: 'penalty.violation_recorded', data: { jurisdiction: '07900' } },
      { type: 'penalty.person_recorded', data: { subjectId: 'person-1', fullName: { ciphertext: 'x' } } },
      { type: 'penalty.person_recorded', data: { subjectId: 'person-2' } },
      { type: 'penalty.decided', data: { decidedOn: '2026-04-02' } },
    ]);
    const facts = source('penalty_case').facts('case-1', state);
    expect(facts).toEqual([
      { fact: 'person_penalised', key: personKey('penalty', 'person-1'), unit: { code: '07900', era: 'current' }, on: '2026-04-02' },
      { fact: 'person_penalised', key: personKey('penalty', 'person-2'), unit: { code: '07900', era: 'current' }, on: '2026-04-02' },
    ]);
    expect(JSON.stringify({ state, facts })).not.toMatch(/person-1|person-2|ciphertext/);
  });

  it('the same subject gets unrelated keys in the support and enforcement compartments', () => {
    expect(personKey('support', 'su-AAAA')).not.toBe(personKey('penalty', 'su-AAAA'));
    expect(personKey('support', 'su-AAAA')).toBe(personKey('support', 'su-AAAA'));
  });

  it('a support case is a need from screening to closing, and one access per day served, under the service user’s key', () => {
    const state = fold('support_case', [
      { type: 'support_case.opened', data: { jurisdiction: '07900', clientCode: 'AB12-CD34-EF56', name: { ciphertext: 'x' } } },
      { type: 'support_case.needs_screened', data: { screenedOn: '2026-03-02', needs: { ciphertext: 'y' } } },
      { type: 'support_case.service_delivered', data: { deliveredOn: '2026-03-10' } },
      { type: 'support_case.closed', data: { closedOn: '2026-04-01' } },
    ]);
    const key = personKey('support', 'su-AB12-CD34-EF56');
    expect(source('support_case').facts('case-1', state)).toEqual([
      { fact: 'support_access', key, unit: { code: '07900', era: 'current' }, on: '2026-03-10' },
      { fact: 'support_need', key, unit: { code: '07900', era: 'current' }, from: '2026-03-02', to: '2026-04-01', eligible: true },
    ]);
    expect(JSON.stringify(state)).not.toMatch(/AB12|ciphertext/);
  });

  it('a hotspot’s status stretches are half-open, each ended by the next', () => {
    const state = fold('hotspot', [
      { type: 'hotspot.identified', data: { jurisdiction: '07900', identifiedOn: '2026-01-05' } },
      { type: 'hotspot.treatment_started', data: { treatmentStartedOn: '2026-02-01' } },
      { type: 'hotspot.eradicated', data: { eradicatedOn: '2026-05-01' } },
    ]);
    const stretches = source('hotspot')
      .facts('h1', state)
      .map((f) => f.fact === 'hotspot_status' && [f.status, f.from, f.to]);
    expect(stretches).toEqual([
      ['identified', '2026-01-05', '2026-02-01'],
      ['under_treatment', '2026-02-01', '2026-05-01'],
      ['eradicated', '2026-05-01', null],
    ]);
  });

  it('an establishment is at risk from registration to closing; a high risk class opens signs of trouble, a lower one ends them', () => {
    const state = fold('establishment', [
      { type: 'establishment.registered', data: { commune: '07900', establishmentType: 'karaoke' }, recordedOn: '2026-01-02' },
      { type: 'establishment.risk_classified', data: { riskClass: 'high' }, recordedOn: '2026-02-01' },
      { type: 'establishment.risk_classified', data: { riskClass: 'low' }, recordedOn: '2026-03-01' },
      { type: 'establishment.closed', data: { closedOn: '2026-06-30' } },
    ]);
    const facts = source('establishment').facts('e1', state);
    expect(facts.filter((f) => f.fact !== 'establishment_reviewed')).toEqual([
      { fact: 'establishment_with_signs', key: 'e1', unit: { code: '07900', era: 'current' }, from: '2026-02-01', to: '2026-03-01' },
      { fact: 'establishment_at_risk', key: 'e1', unit: { code: '07900', era: 'current' }, from: '2026-01-02', to: '2026-06-30' },
    ]);
    expect(facts.filter((f) => f.fact === 'establishment_reviewed').map((f) => f.key)).toEqual(['e1|2026-02-01', 'e1|2026-03-01']);
    // A kind not easily misused is never at risk.
    const other = fold('establishment', [{ type: 'establishment.registered', data: { commune: '07900', establishmentType: 'other' } }]);
    expect(source('establishment').facts('e2', other)).toEqual([]);
  });

  it('a tip is a detected case, handled when closed; a criminal case opened is a crime handled', () => {
    const state = fold('tip', [
      { type: 'tip.received', data: { jurisdiction: '07900', receivedAt: '2026-03-01T20:00:00Z' } },
      { type: 'tip.closed', data: { at: '2026-03-20T03:00:00Z', outcome: 'criminal_case_opened' } },
    ]);
    expect(source('tip').facts('t1', state)).toEqual([
      // 20:00 UTC is 03:00 the next day in Vietnam.
      { fact: 'tip', key: 't1', unit: { code: '07900', era: 'current' }, receivedOn: '2026-03-02', missedDeadline: false },
      { fact: 'detected_case', key: 't1', unit: { code: '07900', era: 'current' }, detectedOn: '2026-03-02', handled: true },
      { fact: 'crime_handled', key: 't1', unit: { code: '07900', era: 'current' }, on: '2026-03-20' },
    ]);
  });

  it('a file sent for prosecution is a prosecution file from the day it was sent, pending until the procuracy decides, then lawful or not', () => {
    type Event = { type: string; data: Record<string, unknown> };
    const closed: Event[] = [
      { type: 'tip.received', data: { jurisdiction: '23617', receivedAt: '2026-03-01T02:00:00Z' } },
      { type: 'tip.closed', data: { at: '2026-03-20T03:00:00Z', outcome: 'criminal_case_opened' } },
    ];
    const sent: Event = {
      type: 'tip.prosecution_file_sent',
      data: { at: '2026-04-02T03:00:00Z', sentOn: '2026-04-01', procuracy: 'VKSND tỉnh Gia Lai', fileRef: '15/KLĐT' },
    };
    const fileOf = (events: Event[]) =>
      source('tip')
        .facts('t1', fold('tip', events))
        .filter((f) => f.fact === 'prosecution_file');
    expect(fileOf(closed)).toEqual([]);
    expect(fileOf([...closed, sent])).toEqual([
      { fact: 'prosecution_file', key: 't1', unit: { code: '23617', era: 'current' }, transferredOn: '2026-04-01', resolvedLawfully: null },
    ]);
    for (const lawful of [true, false]) {
      const resolved: Event = {
        type: 'tip.prosecution_file_resolved',
        data: { at: '2026-04-21T03:00:00Z', resolvedOn: '2026-04-20', resolution: 'indicted', lawful },
      };
      expect(fileOf([...closed, sent, resolved])).toEqual([
        {
          fact: 'prosecution_file',
          key: 't1',
          unit: { code: '23617', era: 'current' },
          transferredOn: '2026-04-01',
          resolvedLawfully: lawful,
        },
      ]);
    }
    // The folded state keeps neither the procuracy's name nor the file number.
    expect(JSON.stringify(fold('tip', [...closed, sent]))).not.toMatch(/VKSND|KLĐT/);
    // A decision with no file before it, or without a boolean, changes nothing.
    expect(fileOf([...closed, { type: 'tip.prosecution_file_resolved', data: { lawful: true } }])).toEqual([]);
    expect(fileOf([...closed, sent, { type: 'tip.prosecution_file_resolved', data: { lawful: 'yes' } }])[0]).toMatchObject({
      resolvedLawfully: null,
    });
  });

  it('the indicator projection listens to the tip events that make prosecution files', () => {
    expect(source('tip').eventTypes).toEqual(expect.arrayContaining(['tip.prosecution_file_sent', 'tip.prosecution_file_resolved']));
  });
});

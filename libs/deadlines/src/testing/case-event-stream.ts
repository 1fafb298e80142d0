import { randomUUID } from 'node:crypto';
import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import type { EventStore, JsonObject, NewEvent } from '../../../event-store/src/port.js';

const UNITS = ['10015', '10030', '27559', '01'];
const OFFICERS = ['officer-1', 'officer-2', 'officer-3', 'officer-4', 'officer-5'];
const HOUR = 3600_000;

interface OpenCase {
  kind: 'tip' | 'penalty_case';
  id: string;
  revision: number;
  stage: number;
  at: number;
  unit: string;
}

/** Tip stages after receipt, in the order an officer works a tip. */
const TIP_STEPS: Array<(c: OpenCase, at: string) => { type: string; data: JsonObject }> = [
  (_c, at) => ({ type: 'tip.classified', data: { at, category: 'buying_selling_sex', note: null } }),
  (c, at) => ({ type: 'tip.assigned', data: { at, assigneeId: OFFICERS[c.id.charCodeAt(c.id.length - 1) % OFFICERS.length]! } }),
  (_c, at) => ({ type: 'tip.procuracy_notified', data: { at, procuracy: 'VKSND khu vực', documentRef: null } }),
  (_c, at) => ({ type: 'tip.verification_started', data: { at, note: null } }),
  (_c, at) => ({ type: 'tip.closed', data: { at, outcome: 'not_substantiated', criminalCaseRef: null, note: null } }),
];

const PENALTY_STEPS: Array<(c: OpenCase, at: string) => { type: string; data: JsonObject }> = [
  (_c, at) => ({
    type: 'penalty.decided',
    data: {
      decidedOn: vnDate(new Date(at)),
      decisionNumber: '1/QĐ-XPHC',
      position: 'commune_people_committee_chair',
      referenceTable: 'decree-282-2025',
      sanctions: [],
      additionalMeasures: [],
    },
  }),
  (_c, at) => ({ type: 'penalty.decision_delivered', data: { deliveredOn: vnDate(new Date(at)), late: false } }),
];

/**
 * A steady stream of tip and penalty-case events for tests of the deadline view: new cases are
 * opened and open ones move on one step at a time, each step its own append (so a case's history
 * spreads over many batches). Payloads follow the contexts' event types, without personal data.
 */
export class CaseEventStream {
  private readonly open: OpenCase[] = [];
  private counter = 0;
  events = 0;

  constructor(private readonly start = Date.parse('2026-10-01T02:00:00Z')) {}

  /** Appends `appends` appends (one or two events each) and returns the events appended. */
  async appendNext(store: EventStore, appends: number): Promise<number> {
    let appended = 0;
    for (let i = 0; i < appends; i++) {
      const step = this.next();
      await store.append(`${step.kind}-${step.id}`, step.events, step.expected);
      appended += step.events.length;
    }
    this.events += appended;
    return appended;
  }

  private next(): { kind: string; id: string; events: NewEvent[]; expected: number | 'no_stream' } {
    this.counter += 1;
    const n = this.counter;
    if (this.open.length < 5 || n % 3 === 0) {
      const kind = n % 4 === 0 ? 'penalty_case' : 'tip';
      const opened: OpenCase = {
        kind,
        id: randomUUID(),
        revision: 0,
        stage: 0,
        at: this.start + n * HOUR,
        unit: UNITS[Math.floor(n / 3) % UNITS.length]!,
      };
      this.open.push(opened);
      const at = new Date(opened.at).toISOString();
      const first: { type: string; data: JsonObject } =
        kind === 'tip'
          ? {
              type: 'tip.received',
              data: {
                at,
                tipId: opened.id,
                jurisdiction: opened.unit,
                channel: 'hotline',
                kind: 'report',
                receivedAt: at,
                anonymous: n % 2 === 0,
                allegation: null,
                sourceAgency: null,
              },
            }
          : {
              type: 'penalty.violation_recorded',
              data: {
                jurisdiction: opened.unit,
                violationDate: vnDate(new Date(opened.at - 24 * HOUR)),
                recordedOn: vnDate(new Date(opened.at)),
                act: '32',
                multiplePeopleAtOnce: false,
                offenderType: 'individual',
                referenceTable: 'decree-282-2025',
                explanationRight: false,
                tipId: null,
                summary: null,
                assigneeId: OFFICERS[n % OFFICERS.length]!,
              },
            };
      return { kind, id: opened.id, events: [event(first, opened)], expected: 'no_stream' };
    }
    const index = n % this.open.length;
    const current = this.open[index]!;
    const steps = current.kind === 'tip' ? TIP_STEPS : PENALTY_STEPS;
    current.at += (n % 7) * 6 * HOUR + HOUR;
    const made = steps[current.stage]!(current, new Date(current.at).toISOString());
    const expected = current.revision;
    current.stage += 1;
    current.revision += 1;
    if (current.stage >= steps.length) this.open.splice(index, 1);
    return { kind: current.kind, id: current.id, events: [event(made, current)], expected };
  }
}

function event(made: { type: string; data: JsonObject }, c: OpenCase): NewEvent {
  return {
    id: randomUUID(),
    type: made.type,
    schemaVersion: 1,
    data: made.data,
    metadata: {
      actorId: 'stream',
      role: 'police_officer',
      jurisdiction: c.unit,
      purpose: 'case_handling',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date(c.at).toISOString(),
    },
  };
}

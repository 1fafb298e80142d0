import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { hotspotDecider } from './hotspot-decider.js';
import type { HotspotCommand, HotspotEvent } from './hotspot.js';

const NOW = new Date('2026-05-31T16:30:00Z'); // 23:30 on 31/5/2026 in Vietnam
const context: DecisionContext = { now: NOW, actorId: 'supervisor-1', roles: ['police_supervisor'], newId: () => 'id' };

const IDENTIFY: HotspotCommand = {
  kind: 'identify',
  jurisdiction: '27559',
  hotspotKind: 'street',
  locationDescription: 'Đoạn đường gần chợ',
  identifiedOn: '2026-01-05',
};
const IDENTIFIED: HotspotEvent = {
  type: 'hotspot.identified',
  data: { jurisdiction: '27559', hotspotKind: 'street', locationDescription: 'Đoạn đường gần chợ', identifiedOn: '2026-01-05' },
};
const TREATED: HotspotEvent = {
  type: 'hotspot.treatment_started',
  data: { treatmentPlan: 'night patrols', treatmentStartedOn: '2026-01-10' },
};
const ERADICATED: HotspotEvent = { type: 'hotspot.eradicated', data: { eradicatedOn: '2026-03-01' } };
const REACTIVATED: HotspotEvent = {
  type: 'hotspot.reactivated',
  data: { reactivatedOn: '2026-04-15', reactivationReason: 'new tips from residents' },
};

function given(...past: HotspotEvent[]) {
  const state = fold(hotspotDecider, past);
  return {
    when: (command: HotspotCommand) => hotspotDecider.decide(command, state, context),
    refuses: (command: HotspotCommand): DomainError => {
      try {
        hotspotDecider.decide(command, state, context);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    },
  };
}

describe('hotspot: identify', () => {
  it('records the hotspot with its jurisdiction, kind and location', () => {
    expect(given().when(IDENTIFY)).toEqual([IDENTIFIED]);
  });

  it('refuses a second identification, a bad jurisdiction or kind, and a future date', () => {
    expect(given(IDENTIFIED).refuses(IDENTIFY)).toMatchObject({ kind: 'invalid_state', code: 'hotspot.already_identified' });
    expect(given().refuses({ ...IDENTIFY, jurisdiction: '2755' })).toMatchObject({
      kind: 'rule_violated',
      code: 'hotspot.jurisdiction_required',
    });
    expect(given().refuses({ ...IDENTIFY, hotspotKind: 'park' as never })).toMatchObject({ code: 'hotspot.invalid_value' });
    // 23:30 UTC+7 on 31/5 is still 31/5 in Vietnam: 1/6 is in the future.
    expect(given().when({ ...IDENTIFY, identifiedOn: '2026-05-31' })).toHaveLength(1);
    expect(given().refuses({ ...IDENTIFY, identifiedOn: '2026-06-01' })).toMatchObject({ code: 'hotspot.date_in_future' });
  });
});

describe('hotspot: start treatment', () => {
  it('starts treatment of an identified or a re-activated hotspot', () => {
    expect(given(IDENTIFIED).when({ kind: 'start_treatment', plan: 'night patrols', startedOn: '2026-01-10' })).toEqual([TREATED]);
    expect(
      given(IDENTIFIED, TREATED, ERADICATED, REACTIVATED).when({ kind: 'start_treatment', plan: 'cameras', startedOn: '2026-04-20' }),
    ).toEqual([{ type: 'hotspot.treatment_started', data: { treatmentPlan: 'cameras', treatmentStartedOn: '2026-04-20' } }]);
  });

  it('refuses treating a hotspot already under treatment, or an eradicated one not re-activated', () => {
    const start: HotspotCommand = { kind: 'start_treatment', plan: 'x', startedOn: '2026-05-01' };
    expect(given(IDENTIFIED, TREATED).refuses(start)).toMatchObject({ kind: 'invalid_state', code: 'hotspot.already_under_treatment' });
    expect(given(IDENTIFIED, TREATED, ERADICATED).refuses(start)).toMatchObject({
      kind: 'invalid_state',
      code: 'hotspot.eradicated_not_reactivated',
    });
    expect(given().refuses(start)).toMatchObject({ kind: 'not_found', code: 'hotspot.not_identified' });
  });

  it('refuses a date before the current period started', () => {
    expect(given(IDENTIFIED).refuses({ kind: 'start_treatment', plan: 'x', startedOn: '2026-01-04' })).toMatchObject({
      kind: 'rule_violated',
      code: 'hotspot.date_before_current_period',
      details: { currentFrom: '2026-01-05' },
    });
  });
});

describe('hotspot: eradicate', () => {
  it('records the eradication of a hotspot under treatment', () => {
    expect(given(IDENTIFIED, TREATED).when({ kind: 'eradicate', eradicatedOn: '2026-03-01' })).toEqual([ERADICATED]);
  });

  it('refuses eradicating a hotspot that is not under treatment', () => {
    for (const past of [[IDENTIFIED], [IDENTIFIED, TREATED, ERADICATED], [IDENTIFIED, TREATED, ERADICATED, REACTIVATED]]) {
      expect(given(...past).refuses({ kind: 'eradicate', eradicatedOn: '2026-05-01' })).toMatchObject({
        kind: 'invalid_state',
        code: 'hotspot.not_under_treatment',
      });
    }
  });

  it('refuses an eradication dated before the treatment started, or in the future', () => {
    expect(given(IDENTIFIED, TREATED).refuses({ kind: 'eradicate', eradicatedOn: '2026-01-09' })).toMatchObject({
      code: 'hotspot.date_before_current_period',
    });
    expect(given(IDENTIFIED, TREATED).refuses({ kind: 'eradicate', eradicatedOn: '2026-06-01' })).toMatchObject({
      code: 'hotspot.date_in_future',
    });
    expect(given(IDENTIFIED, TREATED).refuses({ kind: 'eradicate', eradicatedOn: 'soon' })).toMatchObject({ code: 'hotspot.invalid_date' });
  });
});

describe('hotspot: re-activate', () => {
  it('records the re-activation of an eradicated hotspot, with its reason', () => {
    expect(
      given(IDENTIFIED, TREATED, ERADICATED).when({ kind: 'reactivate', reactivatedOn: '2026-04-15', reason: 'new tips from residents' }),
    ).toEqual([REACTIVATED]);
  });

  it('refuses re-activating a hotspot that is not eradicated', () => {
    for (const past of [[IDENTIFIED], [IDENTIFIED, TREATED], [IDENTIFIED, TREATED, ERADICATED, REACTIVATED]]) {
      expect(given(...past).refuses({ kind: 'reactivate', reactivatedOn: '2026-05-01', reason: 'x' })).toMatchObject({
        kind: 'invalid_state',
        code: 'hotspot.not_eradicated',
      });
    }
  });

  it('refuses a re-activation dated before the eradication', () => {
    expect(given(IDENTIFIED, TREATED, ERADICATED).refuses({ kind: 'reactivate', reactivatedOn: '2026-02-28', reason: 'x' })).toMatchObject({
      code: 'hotspot.date_before_current_period',
    });
  });
});

describe('hotspot: evolve', () => {
  it('keeps every status period, with dates, and counts eradications and re-activations', () => {
    const again: HotspotEvent = { type: 'hotspot.treatment_started', data: { treatmentPlan: 'cameras', treatmentStartedOn: '2026-04-20' } };
    expect(fold(hotspotDecider, [IDENTIFIED, TREATED, ERADICATED, REACTIVATED, again])).toMatchObject({
      status: 'under_treatment',
      treatmentPlan: 'cameras',
      lastReactivationReason: 'new tips from residents',
      timesEradicated: 1,
      timesReactivated: 1,
      periods: [
        { status: 'identified', from: '2026-01-05', to: '2026-01-10' },
        { status: 'under_treatment', from: '2026-01-10', to: '2026-03-01' },
        { status: 'eradicated', from: '2026-03-01', to: '2026-04-15' },
        { status: 'reactivated', from: '2026-04-15', to: '2026-04-20' },
        { status: 'under_treatment', from: '2026-04-20', to: null },
      ],
    });
  });

  it('ignores an unknown event type', () => {
    expect(fold(hotspotDecider, [IDENTIFIED, { type: 'hotspot.renamed', data: {} } as never]).status).toBe('identified');
  });
});

import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { establishmentDecider } from './establishment-decider.js';
import type { EstablishmentCommand, EstablishmentEvent } from './establishment.js';

const NOW = new Date('2026-03-10T03:00:00Z'); // 10:00 in Vietnam, 10/3/2026
const context: DecisionContext = { now: NOW, actorId: 'inspector-1', roles: ['inspector'], newId: () => 'generated-1' };

const REGISTER: Extract<EstablishmentCommand, { kind: 'register' }> = {
  kind: 'register',
  commune: '10015',
  establishmentType: 'karaoke',
  businessName: 'Karaoke Hoa Mai',
  address: 'Tổ 3, Chúc Sơn',
  businessLicenceNumber: 'GP-01-2025',
  securityPermitNumber: 'ANTT-77',
  ownerSubjectId: 'subj-owner-1',
  ownerName: 'Nguyễn Văn A',
  ownerContact: '0900000000',
};
const REGISTERED: EstablishmentEvent = {
  type: 'establishment.registered',
  data: { ...omitKind(REGISTER), ownerSubjectId: 'subj-owner-1' },
};
const CLOSED: EstablishmentEvent = { type: 'establishment.closed', data: { closedOn: '2026-03-01', closureReason: 'licence revoked' } };

function omitKind(command: typeof REGISTER) {
  const { kind: _kind, ...data } = command;
  return data;
}

/** Given these past events, when the command is decided: the new events, or the refusal. */
function given(...past: EstablishmentEvent[]) {
  const state = fold(establishmentDecider, past);
  return {
    when: (command: EstablishmentCommand) => establishmentDecider.decide(command, state, context),
    refuses: (command: EstablishmentCommand): DomainError => {
      try {
        establishmentDecider.decide(command, state, context);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    },
  };
}

describe('establishment: register', () => {
  it('records the registration with the owner’s subject id', () => {
    expect(given().when(REGISTER)).toEqual([REGISTERED]);
  });

  it('makes a pseudonymous owner subject id when none is given', () => {
    const [event] = given().when({ ...REGISTER, ownerSubjectId: null });
    expect(event).toMatchObject({ type: 'establishment.registered', data: { ownerSubjectId: 'subj-generated-1' } });
  });

  it('refuses a jurisdiction that is not a commune, naming the rule', () => {
    expect(given().refuses({ ...REGISTER, commune: '01' })).toMatchObject({
      kind: 'rule_violated',
      code: 'establishment.commune_required',
      details: { field: 'commune' },
    });
  });

  it('refuses a type outside the list', () => {
    expect(given().refuses({ ...REGISTER, establishmentType: 'casino' as never })).toMatchObject({ code: 'establishment.invalid_value' });
  });

  it('refuses a second registration', () => {
    expect(given(REGISTERED).refuses(REGISTER)).toMatchObject({ kind: 'invalid_state', code: 'establishment.already_registered' });
  });
});

describe('establishment: classify risk', () => {
  it('records the class and the reason, and a later re-classification', () => {
    const first: EstablishmentEvent = {
      type: 'establishment.risk_classified',
      data: { riskClass: 'high', riskReason: 'two tips this year' },
    };
    expect(given(REGISTERED).when({ kind: 'classify_risk', riskClass: 'high', reason: 'two tips this year' })).toEqual([first]);
    expect(given(REGISTERED, first).when({ kind: 'classify_risk', riskClass: 'low', reason: 'clean inspections' })).toEqual([
      { type: 'establishment.risk_classified', data: { riskClass: 'low', riskReason: 'clean inspections' } },
    ]);
  });

  it('refuses an unregistered establishment, a closed one and an unknown class', () => {
    expect(given().refuses({ kind: 'classify_risk', riskClass: 'high', reason: 'x' })).toMatchObject({
      kind: 'not_found',
      code: 'establishment.not_registered',
    });
    expect(given(REGISTERED, CLOSED).refuses({ kind: 'classify_risk', riskClass: 'high', reason: 'x' })).toMatchObject({
      kind: 'invalid_state',
      code: 'establishment.closed',
    });
    expect(given(REGISTERED).refuses({ kind: 'classify_risk', riskClass: 'extreme' as never, reason: 'x' })).toMatchObject({
      code: 'establishment.invalid_value',
    });
  });
});

describe('establishment: sign commitment', () => {
  const sign = (signedOn: string, commune = '10015'): EstablishmentCommand => ({ kind: 'sign_commitment', signedOn, commune });

  it('records the commitment signed with the commune People’s Committee, today or earlier', () => {
    expect(given(REGISTERED).when(sign('2026-03-10'))).toEqual([
      { type: 'establishment.commitment_signed', data: { commitmentSignedOn: '2026-03-10', commitmentCommune: '10015' } },
    ]);
  });

  it('refuses a commitment with another commune’s People’s Committee', () => {
    expect(given(REGISTERED).refuses(sign('2026-03-01', '10030'))).toMatchObject({
      kind: 'rule_violated',
      code: 'establishment.commitment_commune_mismatch',
    });
  });

  it('refuses a date in the future (Vietnam time) or not a date', () => {
    expect(given(REGISTERED).refuses(sign('2026-03-11'))).toMatchObject({ kind: 'rule_violated', code: 'establishment.date_in_future' });
    expect(given(REGISTERED).refuses(sign('2026-02-30'))).toMatchObject({ kind: 'rule_violated', code: 'establishment.invalid_date' });
  });

  it('refuses a closed establishment', () => {
    expect(given(REGISTERED, CLOSED).refuses(sign('2026-03-01'))).toMatchObject({ code: 'establishment.closed' });
  });
});

describe('establishment: links to inspections and penalty cases', () => {
  it('records each link once, also after the establishment closed', () => {
    expect(given(REGISTERED).when({ kind: 'link_inspection', inspectionId: 'insp-1' })).toEqual([
      { type: 'establishment.inspection_linked', data: { inspectionId: 'insp-1' } },
    ]);
    expect(given(REGISTERED, CLOSED).when({ kind: 'link_penalty_case', penaltyCaseId: 'pen-1' })).toEqual([
      { type: 'establishment.penalty_linked', data: { penaltyCaseId: 'pen-1' } },
    ]);
  });

  it('refuses linking the same inspection or penalty case twice', () => {
    const linked: EstablishmentEvent[] = [
      REGISTERED,
      { type: 'establishment.inspection_linked', data: { inspectionId: 'insp-1' } },
      { type: 'establishment.penalty_linked', data: { penaltyCaseId: 'pen-1' } },
    ];
    expect(given(...linked).refuses({ kind: 'link_inspection', inspectionId: 'insp-1' })).toMatchObject({
      kind: 'invalid_state',
      code: 'establishment.inspection_already_linked',
    });
    expect(given(...linked).refuses({ kind: 'link_penalty_case', penaltyCaseId: 'pen-1' })).toMatchObject({
      kind: 'invalid_state',
      code: 'establishment.penalty_already_linked',
    });
  });

  it('refuses links to an unregistered establishment', () => {
    expect(given().refuses({ kind: 'link_inspection', inspectionId: 'insp-1' })).toMatchObject({ kind: 'not_found' });
  });
});

describe('establishment: close', () => {
  it('records the closure with its date and reason', () => {
    expect(given(REGISTERED).when({ kind: 'close', closedOn: '2026-03-01', reason: 'licence revoked' })).toEqual([CLOSED]);
  });

  it('refuses closing twice, or with a future date', () => {
    expect(given(REGISTERED, CLOSED).refuses({ kind: 'close', closedOn: '2026-03-01', reason: 'again' })).toMatchObject({
      code: 'establishment.closed',
    });
    expect(given(REGISTERED).refuses({ kind: 'close', closedOn: '2027-01-01', reason: 'x' })).toMatchObject({
      code: 'establishment.date_in_future',
    });
  });
});

describe('establishment: evolve', () => {
  it('folds the dossier: risk, commitments, links and closure', () => {
    const state = fold(establishmentDecider, [
      REGISTERED,
      { type: 'establishment.risk_classified', data: { riskClass: 'medium', riskReason: 'late hours' } },
      { type: 'establishment.commitment_signed', data: { commitmentSignedOn: '2026-01-05', commitmentCommune: '10015' } },
      { type: 'establishment.inspection_linked', data: { inspectionId: 'insp-1' } },
      { type: 'establishment.penalty_linked', data: { penaltyCaseId: 'pen-1' } },
      CLOSED,
    ]);
    expect(state).toMatchObject({
      status: 'closed',
      commune: '10015',
      ownerName: 'Nguyễn Văn A',
      risk: { riskClass: 'medium', reason: 'late hours' },
      riskClassifications: 1,
      commitments: [{ signedOn: '2026-01-05', commune: '10015' }],
      inspectionIds: ['insp-1'],
      penaltyCaseIds: ['pen-1'],
      closure: { closedOn: '2026-03-01', reason: 'licence revoked' },
    });
  });

  it('keeps redaction markers as they are and ignores an unknown event type', () => {
    const redacted = { redacted: 'not authorised' };
    const state = fold(establishmentDecider, [
      { ...REGISTERED, data: { ...REGISTERED.data, ownerName: redacted, ownerContact: redacted } } as EstablishmentEvent,
      { type: 'establishment.renamed', data: {} } as never,
    ]);
    expect(state).toMatchObject({ status: 'registered', ownerName: redacted, ownerContact: redacted });
  });
});

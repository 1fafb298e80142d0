import { DomainError, fold, type DecisionContext } from '../../../case-kernel/src/domain/decider.js';
import { providerDecider } from './provider-decider.js';
import type { ProviderCommand, ProviderEvent } from './provider.js';

const NOW = new Date('2026-05-04T03:00:00Z');
const AT = NOW.toISOString();
const context: DecisionContext = { now: NOW, actorId: 'supervisor-1', roles: ['support_supervisor'], newId: () => 'id' };

const REGISTER: ProviderCommand = {
  kind: 'register',
  name: 'Trạm Y tế xã Chúc Sơn',
  providerType: 'health_station',
  services: ['psychological_counselling', 'health_sexual_health_hiv_sti'],
  jurisdiction: '10015',
  contact: '0243 000 000',
};
const REGISTERED: ProviderEvent = {
  type: 'provider.registered',
  // Services are kept in the directory's order, whatever order they came in.
  data: {
    name: 'Trạm Y tế xã Chúc Sơn',
    providerType: 'health_station',
    services: ['health_sexual_health_hiv_sti', 'psychological_counselling'],
    jurisdiction: '10015',
    contact: '0243 000 000',
    registeredAt: AT,
  },
};
const DEACTIVATED: ProviderEvent = { type: 'provider.deactivated', data: { deactivationReason: 'Ngừng dịch vụ', deactivatedAt: AT } };

function given(...past: ProviderEvent[]) {
  const state = fold(providerDecider, past);
  return {
    when: (command: ProviderCommand) => providerDecider.decide(command, state, context),
    refuses: (command: ProviderCommand): DomainError => {
      try {
        providerDecider.decide(command, state, context);
      } catch (error) {
        if (error instanceof DomainError) return error;
        throw error;
      }
      throw new Error('expected a refusal');
    },
  };
}

describe('provider: register', () => {
  it('registers an active provider with its services, area and organisation contact', () => {
    expect(given().when(REGISTER)).toEqual([REGISTERED]);
    expect(fold(providerDecider, [REGISTERED])).toMatchObject({
      registered: true,
      active: true,
      services: ['health_sexual_health_hiv_sti', 'psychological_counselling'],
    });
  });

  it('refuses a second registration, an empty name, an unknown type, no or unknown or repeated services, a bad area, no contact', () => {
    expect(given(REGISTERED).refuses(REGISTER)).toMatchObject({ kind: 'invalid_state', code: 'provider.already_registered' });
    expect(given().refuses({ ...REGISTER, name: ' ' })).toMatchObject({
      kind: 'rule_violated',
      code: 'provider.invalid_text',
      details: { field: 'name' },
    });
    expect(given().refuses({ ...REGISTER, providerType: 'hospital' as never })).toMatchObject({ details: { field: 'providerType' } });
    expect(given().refuses({ ...REGISTER, services: [] })).toMatchObject({
      code: 'provider.invalid_value',
      details: { field: 'services' },
    });
    expect(given().refuses({ ...REGISTER, services: ['haircut' as never] })).toMatchObject({ details: { field: 'services' } });
    expect(given().refuses({ ...REGISTER, services: ['methadone', 'methadone'] })).toMatchObject({ code: 'provider.duplicate_service' });
    expect(given().refuses({ ...REGISTER, jurisdiction: '1001' })).toMatchObject({ details: { field: 'jurisdiction' } });
    expect(given().refuses({ ...REGISTER, contact: '' })).toMatchObject({ details: { field: 'contact' } });
    expect(given().refuses({ ...REGISTER, contact: '' }).messageVi).toContain('ký tự');
  });
});

describe('provider: change services and details', () => {
  it('replaces the services and the details of an active provider', () => {
    expect(given(REGISTERED).when({ kind: 'change_services', services: ['methadone'] })).toEqual([
      { type: 'provider.services_changed', data: { services: ['methadone'], changedAt: AT } },
    ]);
    expect(given(REGISTERED).when({ kind: 'change_details', name: 'Trạm Y tế phường Chúc Sơn', contact: '0243 000 000' })).toEqual([
      { type: 'provider.details_changed', data: { name: 'Trạm Y tế phường Chúc Sơn', contact: '0243 000 000', changedAt: AT } },
    ]);
  });

  it('refuses no change, an inactive or missing provider, and bad values', () => {
    expect(
      given(REGISTERED).refuses({ kind: 'change_services', services: ['psychological_counselling', 'health_sexual_health_hiv_sti'] }),
    ).toMatchObject({ kind: 'invalid_state', code: 'provider.services_unchanged' });
    expect(given(REGISTERED).refuses({ kind: 'change_details', name: 'Trạm Y tế xã Chúc Sơn', contact: '0243 000 000' })).toMatchObject({
      code: 'provider.details_unchanged',
    });
    expect(given(REGISTERED, DEACTIVATED).refuses({ kind: 'change_services', services: ['methadone'] })).toMatchObject({
      kind: 'invalid_state',
      code: 'provider.inactive',
    });
    expect(given(REGISTERED, DEACTIVATED).refuses({ kind: 'change_details', name: 'x', contact: 'y' })).toMatchObject({
      code: 'provider.inactive',
    });
    expect(given().refuses({ kind: 'change_services', services: ['methadone'] })).toMatchObject({
      kind: 'not_found',
      code: 'provider.not_found',
    });
    expect(given(REGISTERED).refuses({ kind: 'change_services', services: [] })).toMatchObject({ details: { field: 'services' } });
    expect(given(REGISTERED).refuses({ kind: 'change_details', name: 'x'.repeat(201), contact: 'y' })).toMatchObject({
      details: { field: 'name', maxLength: 200 },
    });
  });
});

describe('provider: deactivate and reactivate', () => {
  it('takes a provider out of the directory with a reason and brings it back', () => {
    expect(given(REGISTERED).when({ kind: 'deactivate', reason: 'Ngừng dịch vụ' })).toEqual([DEACTIVATED]);
    expect(given(REGISTERED, DEACTIVATED).when({ kind: 'reactivate' })).toEqual([
      { type: 'provider.reactivated', data: { reactivatedAt: AT } },
    ]);
    expect(fold(providerDecider, [REGISTERED, DEACTIVATED])).toMatchObject({ active: false, deactivationReason: 'Ngừng dịch vụ' });
    expect(fold(providerDecider, [REGISTERED, DEACTIVATED, { type: 'provider.reactivated', data: { reactivatedAt: AT } }])).toMatchObject({
      active: true,
      deactivationReason: null,
    });
  });

  it('refuses deactivating an inactive provider, without a reason, and reactivating an active or missing one', () => {
    expect(given(REGISTERED, DEACTIVATED).refuses({ kind: 'deactivate', reason: 'x' })).toMatchObject({
      kind: 'invalid_state',
      code: 'provider.inactive',
    });
    expect(given(REGISTERED).refuses({ kind: 'deactivate', reason: '' })).toMatchObject({
      kind: 'rule_violated',
      details: { field: 'reason' },
    });
    expect(given(REGISTERED).refuses({ kind: 'reactivate' })).toMatchObject({ kind: 'invalid_state', code: 'provider.already_active' });
    expect(given().refuses({ kind: 'reactivate' })).toMatchObject({ kind: 'not_found' });
  });

  it('ignores an unknown event type', () => {
    expect(fold(providerDecider, [REGISTERED, { type: 'provider.renamed', data: {} } as never]).active).toBe(true);
  });
});

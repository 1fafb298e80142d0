import { assertNever, DomainError, type DecisionContext, type Decider } from '../../../case-kernel/src/domain/decider.js';
import {
  INITIAL_PROVIDER,
  PROVIDER_LIMITS,
  PROVIDER_TYPES,
  SERVICE_CODES,
  type ProviderCommand,
  type ProviderEvent,
  type ProviderState,
  type ServiceCode,
} from './provider.js';

const JURISDICTION = /^\d{2}(\d{3})?$/;

/**
 * registered (active) ⇄ inactive. Services and details change only while the provider is active,
 * so an inactive entry stays as it was when it left the directory.
 */
export function decideProvider(command: ProviderCommand, state: ProviderState, context: DecisionContext): ProviderEvent[] {
  const at = context.now.toISOString();
  if (command.kind === 'register') {
    if (state.registered)
      throw new DomainError(
        'invalid_state',
        'provider.already_registered',
        'This provider is already registered',
        'Đơn vị cung cấp dịch vụ này đã được đăng ký',
      );
    checkText('name', command.name, PROVIDER_LIMITS.name);
    if (!PROVIDER_TYPES.includes(command.providerType))
      throw invalid('providerType', `one of ${PROVIDER_TYPES.join(', ')}`, `một trong ${PROVIDER_TYPES.join(', ')}`);
    const services = checkServices(command.services);
    if (!JURISDICTION.test(command.jurisdiction))
      throw invalid('jurisdiction', 'the code of the province or commune served', 'mã tỉnh hoặc xã được phục vụ');
    checkText('contact', command.contact, PROVIDER_LIMITS.contact);
    return [
      {
        type: 'provider.registered',
        data: {
          name: command.name,
          providerType: command.providerType,
          services,
          jurisdiction: command.jurisdiction,
          contact: command.contact,
          registeredAt: at,
        },
      },
    ];
  }
  if (!state.registered)
    throw new DomainError('not_found', 'provider.not_found', 'No such provider', 'Không có đơn vị cung cấp dịch vụ này');
  if (command.kind === 'reactivate') {
    if (state.active)
      throw new DomainError(
        'invalid_state',
        'provider.already_active',
        'The provider is already active',
        'Đơn vị cung cấp dịch vụ đang hoạt động',
      );
    return [{ type: 'provider.reactivated', data: { reactivatedAt: at } }];
  }
  if (!state.active) {
    throw new DomainError(
      'invalid_state',
      'provider.inactive',
      'The provider is inactive: reactivate it first',
      'Đơn vị cung cấp dịch vụ đã ngừng hoạt động: cần kích hoạt lại trước',
    );
  }
  switch (command.kind) {
    case 'change_services': {
      const services = checkServices(command.services);
      if (services.join() === state.services.join()) {
        throw new DomainError(
          'invalid_state',
          'provider.services_unchanged',
          'The provider already gives exactly these services',
          'Đơn vị đã cung cấp đúng các dịch vụ này',
        );
      }
      return [{ type: 'provider.services_changed', data: { services, changedAt: at } }];
    }
    case 'change_details':
      checkText('name', command.name, PROVIDER_LIMITS.name);
      checkText('contact', command.contact, PROVIDER_LIMITS.contact);
      if (command.name === state.name && command.contact === state.contact) {
        throw new DomainError(
          'invalid_state',
          'provider.details_unchanged',
          'The name and contact are already these',
          'Tên và thông tin liên hệ không thay đổi',
        );
      }
      return [{ type: 'provider.details_changed', data: { name: command.name, contact: command.contact, changedAt: at } }];
    case 'deactivate':
      checkText('reason', command.reason, PROVIDER_LIMITS.reason);
      return [{ type: 'provider.deactivated', data: { deactivationReason: command.reason, deactivatedAt: at } }];
    default:
      return assertNever(command);
  }
}

/** Folds one event; never throws. */
export function evolveProvider(state: ProviderState, event: ProviderEvent): ProviderState {
  switch (event.type) {
    case 'provider.registered': {
      const { registeredAt, ...data } = event.data;
      return { ...state, ...data, registered: true, active: true, registeredAt, updatedAt: registeredAt };
    }
    case 'provider.services_changed':
      return { ...state, services: event.data.services, updatedAt: event.data.changedAt };
    case 'provider.details_changed':
      return { ...state, name: event.data.name, contact: event.data.contact, updatedAt: event.data.changedAt };
    case 'provider.deactivated':
      return { ...state, active: false, deactivationReason: event.data.deactivationReason, updatedAt: event.data.deactivatedAt };
    case 'provider.reactivated':
      return { ...state, active: true, deactivationReason: null, updatedAt: event.data.reactivatedAt };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export const providerDecider: Decider<ProviderCommand, ProviderEvent, ProviderState> = {
  initialState: INITIAL_PROVIDER,
  evolve: evolveProvider,
  decide: decideProvider,
};

/** At least one known service, none twice; returned in the directory's order so that sets compare. */
function checkServices(services: unknown): ServiceCode[] {
  if (!Array.isArray(services) || services.length === 0 || services.some((s) => !SERVICE_CODES.includes(s as ServiceCode))) {
    throw invalid('services', `a non-empty list of ${SERVICE_CODES.join(', ')}`, `danh sách (không rỗng) gồm ${SERVICE_CODES.join(', ')}`);
  }
  if (new Set(services).size !== services.length) {
    throw new DomainError('rule_violated', 'provider.duplicate_service', 'A service is listed twice', 'Một dịch vụ được liệt kê hai lần', {
      field: 'services',
    });
  }
  return SERVICE_CODES.filter((code) => services.includes(code));
}

function checkText(field: string, value: unknown, max: number): void {
  if (typeof value !== 'string' || value.trim().length === 0 || value.length > max) {
    throw new DomainError(
      'rule_violated',
      'provider.invalid_text',
      `${field} must be a text of 1 to ${max} characters`,
      `${field} phải là văn bản dài từ 1 đến ${max} ký tự`,
      { field, maxLength: max },
    );
  }
}

function invalid(field: string, expected: string, expectedVi: string): DomainError {
  return new DomainError('rule_violated', 'provider.invalid_value', `${field} must be ${expected}`, `${field} phải là ${expectedVi}`, {
    field,
  });
}

function ignoreUnknownEvent(_event: never, state: ProviderState): ProviderState {
  return state;
}

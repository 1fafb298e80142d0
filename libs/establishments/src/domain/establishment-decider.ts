import { assertNever, DomainError, type DecisionContext, type Decider } from '../../../case-kernel/src/domain/decider.js';
import { assertPastOrToday } from './calendar-date.js';
import {
  ESTABLISHMENT_TYPES,
  INITIAL_ESTABLISHMENT,
  RISK_CLASSES,
  type EstablishmentCommand,
  type EstablishmentEvent,
  type EstablishmentState,
} from './establishment.js';

const COMMUNE_CODE = /^\d{5}$/;

/** Registered → risk classified (again when the risk changes) → commitment signed (renewable) → closed; links at any time. */
export function decideEstablishment(
  command: EstablishmentCommand,
  state: EstablishmentState,
  context: DecisionContext,
): EstablishmentEvent[] {
  if (command.kind === 'register') {
    if (state.status !== 'unregistered') throw alreadyRegistered();
    if (!COMMUNE_CODE.test(command.commune)) {
      throw new DomainError(
        'rule_violated',
        'establishment.commune_required',
        'An establishment is registered in the commune where it operates (a 5-digit commune code): the commune People’s Committee manages it',
        'Cơ sở được đăng ký theo xã, phường nơi hoạt động (mã xã 5 chữ số): UBND cấp xã quản lý cơ sở',
        { field: 'commune' },
      );
    }
    if (!ESTABLISHMENT_TYPES.includes(command.establishmentType)) throw invalidValue('establishmentType');
    return [
      {
        type: 'establishment.registered',
        data: {
          commune: command.commune,
          establishmentType: command.establishmentType,
          businessName: command.businessName,
          address: command.address,
          businessLicenceNumber: command.businessLicenceNumber,
          securityPermitNumber: command.securityPermitNumber,
          ownerSubjectId: command.ownerSubjectId ?? `subj-${context.newId()}`,
          ownerName: command.ownerName,
          ownerContact: command.ownerContact,
        },
      },
    ];
  }
  if (state.status === 'unregistered') {
    throw new DomainError(
      'not_found',
      'establishment.not_registered',
      'No such establishment in the registry',
      'Không có cơ sở này trong sổ theo dõi',
    );
  }
  switch (command.kind) {
    case 'classify_risk':
      assertOpen(state);
      if (!RISK_CLASSES.includes(command.riskClass)) throw invalidValue('riskClass');
      return [{ type: 'establishment.risk_classified', data: { riskClass: command.riskClass, riskReason: command.reason } }];
    case 'sign_commitment':
      assertOpen(state);
      assertPastOrToday('signedOn', command.signedOn, context.now);
      if (command.commune !== state.commune) {
        throw new DomainError(
          'rule_violated',
          'establishment.commitment_commune_mismatch',
          'The owner signs the commitment with the People’s Committee of the commune where the establishment operates',
          'Chủ cơ sở ký bản cam kết với UBND xã, phường nơi cơ sở hoạt động',
          { field: 'commune', expected: state.commune },
        );
      }
      return [
        { type: 'establishment.commitment_signed', data: { commitmentSignedOn: command.signedOn, commitmentCommune: command.commune } },
      ];
    case 'link_inspection':
      if (state.inspectionIds.includes(command.inspectionId)) {
        throw new DomainError(
          'invalid_state',
          'establishment.inspection_already_linked',
          'This inspection is already linked to the establishment',
          'Cuộc kiểm tra này đã được liên kết với cơ sở',
        );
      }
      return [{ type: 'establishment.inspection_linked', data: { inspectionId: command.inspectionId } }];
    case 'link_penalty_case':
      if (state.penaltyCaseIds.includes(command.penaltyCaseId)) {
        throw new DomainError(
          'invalid_state',
          'establishment.penalty_already_linked',
          'This penalty case is already linked to the establishment',
          'Hồ sơ xử phạt này đã được liên kết với cơ sở',
        );
      }
      return [{ type: 'establishment.penalty_linked', data: { penaltyCaseId: command.penaltyCaseId } }];
    case 'close':
      assertOpen(state);
      assertPastOrToday('closedOn', command.closedOn, context.now);
      return [{ type: 'establishment.closed', data: { closedOn: command.closedOn, closureReason: command.reason } }];
    default:
      return assertNever(command);
  }
}

/** Folds one event; never throws, whatever a field holds (redaction and erasure markers included). */
export function evolveEstablishment(state: EstablishmentState, event: EstablishmentEvent): EstablishmentState {
  switch (event.type) {
    case 'establishment.registered': {
      const d = event.data;
      return {
        ...state,
        status: 'registered',
        commune: d.commune,
        establishmentType: d.establishmentType,
        businessName: d.businessName,
        address: d.address,
        businessLicenceNumber: d.businessLicenceNumber,
        securityPermitNumber: d.securityPermitNumber,
        ownerSubjectId: d.ownerSubjectId,
        ownerName: d.ownerName,
        ownerContact: d.ownerContact,
      };
    }
    case 'establishment.risk_classified':
      return {
        ...state,
        risk: { riskClass: event.data.riskClass, reason: event.data.riskReason },
        riskClassifications: state.riskClassifications + 1,
      };
    case 'establishment.commitment_signed':
      return {
        ...state,
        commitments: [...state.commitments, { signedOn: event.data.commitmentSignedOn, commune: event.data.commitmentCommune }],
      };
    case 'establishment.inspection_linked':
      return { ...state, inspectionIds: [...state.inspectionIds, event.data.inspectionId] };
    case 'establishment.penalty_linked':
      return { ...state, penaltyCaseIds: [...state.penaltyCaseIds, event.data.penaltyCaseId] };
    case 'establishment.closed':
      return { ...state, status: 'closed', closure: { closedOn: event.data.closedOn, reason: event.data.closureReason } };
    default:
      return ignoreUnknownEvent(event, state);
  }
}

export const establishmentDecider: Decider<EstablishmentCommand, EstablishmentEvent, EstablishmentState> = {
  initialState: INITIAL_ESTABLISHMENT,
  evolve: evolveEstablishment,
  decide: decideEstablishment,
};

/** Exhaustive at compile time like assertNever, but evolve never throws: an unknown event leaves the state as it is. */
function ignoreUnknownEvent(_event: never, state: EstablishmentState): EstablishmentState {
  return state;
}

function assertOpen(state: EstablishmentState): void {
  if (state.status === 'closed') {
    throw new DomainError(
      'invalid_state',
      'establishment.closed',
      'The establishment is closed: its registry entry can no longer change',
      'Cơ sở đã đóng: không thể thay đổi thông tin trong sổ theo dõi',
    );
  }
}

function alreadyRegistered(): DomainError {
  return new DomainError(
    'invalid_state',
    'establishment.already_registered',
    'This establishment is already registered',
    'Cơ sở này đã được đăng ký',
  );
}

function invalidValue(field: string): DomainError {
  return new DomainError(
    'rule_violated',
    'establishment.invalid_value',
    `${field} has a value outside the list`,
    `${field} có giá trị ngoài danh mục`,
    { field },
  );
}

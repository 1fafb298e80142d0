import type { Action, ResourceKind } from '../domain/resources.js';
import type { DenialReason } from '../domain/policy.js';
import type { TokenFailure } from '../auth/tokens.js';

/** Event types of the access audit. Fixed strings; data carries no personal field values. */
export const ACCESS_GRANTED = 'access.granted';
export const ACCESS_DENIED = 'access.denied';
export const SIGN_IN_FAILED = 'access.sign_in_failed';
export const BREAK_GLASS_OPENED = 'access.break_glass_opened';
export const BREAK_GLASS_REVIEWED = 'access.break_glass_reviewed';

export interface ResourceRef {
  kind: ResourceKind;
  id: string | null;
  jurisdiction: string;
}

export interface AccessDecisionRecorded {
  actorId: string;
  roles: string[];
  decidedRole: string | null;
  action: Action;
  purpose: string;
  resource: ResourceRef;
  decision: 'allow' | 'deny';
  status: number;
  reason: DenialReason | null;
  fieldsRevealed: string[];
  fieldsRedacted: string[];
  breakGlass: boolean;
  policyVersion: string;
}

export interface SignInFailed {
  failure: TokenFailure;
  /** Nothing is read from a refused token; the route gives the context. */
  route: string;
}

export interface BreakGlassOpened {
  grantId: string;
  actorId: string;
  role: string;
  resource: ResourceRef;
  purposeCode: string;
  legalBasis: string;
  reason: string;
  expiresAt: string;
  ownerIds: string[];
}

export interface BreakGlassReviewed {
  grantId: string;
  reviewerId: string;
  outcome: 'justified' | 'not_justified';
  note: string;
}

export const accessStream = (resource: Pick<ResourceRef, 'kind' | 'id'>) => `access-${resource.kind}-${resource.id ?? 'collection'}`;
export const BREAK_GLASS_STREAM_PREFIX = 'break-glass-';
export const breakGlassStream = (resource: Pick<ResourceRef, 'kind' | 'id'>) =>
  `${BREAK_GLASS_STREAM_PREFIX}${resource.kind}-${resource.id}`;
export const SIGN_IN_STREAM = 'access-sign-in';

import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject, NewEvent } from '../../../event-store/src/port.js';
import { decide, mayBreakGlass, type BreakGlassGrant, type Decision } from '../domain/policy.js';
import type { Action, ResourceDescriptor } from '../domain/resources.js';
import type { Principal } from '../domain/roles.js';
import {
  ACCESS_DENIED,
  ACCESS_GRANTED,
  BREAK_GLASS_OPENED,
  accessStream,
  breakGlassStream,
  type AccessDecisionRecorded,
  type BreakGlassOpened,
} from './access-events.js';

/** What the request says about itself: the stated purpose and its correlation id. */
export interface RequestContext {
  purpose: string;
  correlationId: string;
}

export class AccessDeniedError extends Error {
  readonly code = 'access.denied';
  constructor(readonly status: 403 | 404) {
    super(status === 404 ? 'Not found' : 'Forbidden');
    this.name = 'AccessDeniedError';
  }
}

/** The one redaction marker of privacy.md. */
export const REDACTED = Object.freeze({ redacted: 'not authorised' });

export interface JurisdictionScope {
  contains(scope: string, code: string): boolean;
}

/**
 * The one policy point: every command and query asks it, every read, export and denial is
 * recorded as an access event with the policy version that decided it.
 */
export class PolicyPoint {
  constructor(
    private readonly store: EventStore,
    private readonly jurisdictions: JurisdictionScope,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Decides, records, and throws AccessDeniedError (403, or 404 where existence is sensitive) on a denial. */
  async authorize(
    principal: Principal,
    action: Action,
    resource: ResourceDescriptor,
    request: RequestContext,
  ): Promise<Decision & { effect: 'allow' }> {
    const now = this.clock();
    const breakGlass = action === 'read' && resource.id !== null ? await this.activeGrants(principal, resource, now) : [];
    const decision = decide(principal, action, resource, {
      contains: (s, c) => this.jurisdictions.contains(s, c),
      now,
      purpose: request.purpose,
      breakGlass,
    });
    if (decision.effect === 'deny' || action !== 'write') await this.record(principal, action, resource, request, decision);
    if (decision.effect === 'deny') throw new AccessDeniedError(decision.status);
    return decision;
  }

  /** Replaces every field the decision does not reveal with the redaction marker; never drops a field. */
  redact<T extends Record<string, unknown>>(decision: Decision, view: T): Record<keyof T, unknown> {
    const hidden = new Set(decision.redact);
    return Object.fromEntries(Object.entries(view).map(([k, v]) => [k, hidden.has(k) ? REDACTED : v])) as Record<keyof T, unknown>;
  }

  /** Break the glass: a time-limited grant on one record, recorded, for the owner to see and the DPO to review. */
  async breakGlass(
    principal: Principal,
    resource: ResourceDescriptor,
    request: RequestContext & { purposeCode: string; legalBasis: string; reason: string; minutes: number },
  ): Promise<BreakGlassOpened> {
    const contains = (s: string, c: string) => this.jurisdictions.contains(s, c);
    if (resource.id === null || !mayBreakGlass(principal, resource, { contains })) {
      const denial = decide({ userId: principal.userId, grants: [] }, 'read', resource, {
        contains,
        now: this.clock(),
        purpose: request.purpose,
        breakGlass: [],
      });
      await this.record(principal, 'read', resource, request, denial);
      throw new AccessDeniedError(denial.effect === 'deny' ? denial.status : 403);
    }
    const now = this.clock();
    const opened: BreakGlassOpened = {
      grantId: randomUUID(),
      actorId: principal.userId,
      role: principal.grants.map((g) => g.role).join(','),
      resource: { kind: resource.kind, id: resource.id, jurisdiction: resource.jurisdiction },
      purposeCode: request.purposeCode,
      legalBasis: request.legalBasis,
      reason: request.reason,
      expiresAt: new Date(now.getTime() + request.minutes * 60_000).toISOString(),
      ownerIds: [...resource.assignees],
    };
    await this.store.append(
      breakGlassStream(resource),
      [this.event(BREAK_GLASS_OPENED, opened as unknown as JsonObject, principal, resource, request)],
      'any',
    );
    return opened;
  }

  private async activeGrants(principal: Principal, resource: ResourceDescriptor, now: Date): Promise<BreakGlassGrant[]> {
    const events = await this.store.readStream(breakGlassStream(resource));
    return events
      .filter((e) => e.type === BREAK_GLASS_OPENED)
      .map((e) => e.data as unknown as BreakGlassOpened)
      .filter((g) => g.actorId === principal.userId && Date.parse(g.expiresAt) > now.getTime())
      .map((g) => ({ userId: g.actorId, kind: resource.kind, resourceId: g.resource.id!, expiresAt: g.expiresAt }));
  }

  private async record(
    principal: Principal,
    action: Action,
    resource: ResourceDescriptor,
    request: RequestContext,
    decision: Decision,
  ): Promise<void> {
    const data: AccessDecisionRecorded = {
      actorId: principal.userId,
      roles: principal.grants.map((g) => `${g.role}@${g.scope}`),
      decidedRole: decision.role,
      action,
      purpose: request.purpose,
      resource: { kind: resource.kind, id: resource.id, jurisdiction: resource.jurisdiction },
      decision: decision.effect,
      status: decision.effect === 'allow' ? 200 : decision.status,
      reason: decision.effect === 'deny' ? decision.reason : null,
      fieldsRevealed: decision.reveal,
      fieldsRedacted: decision.redact,
      breakGlass: decision.breakGlass,
      policyVersion: decision.policyVersion,
    };
    const type = decision.effect === 'allow' ? ACCESS_GRANTED : ACCESS_DENIED;
    await this.store.append(accessStream(resource), [this.event(type, data as unknown as JsonObject, principal, resource, request)], 'any');
  }

  private event(type: string, data: JsonObject, principal: Principal, resource: ResourceDescriptor, request: RequestContext): NewEvent {
    return {
      id: randomUUID(),
      type,
      schemaVersion: 1,
      data,
      metadata: {
        actorId: principal.userId,
        role: principal.grants[0]?.role ?? 'none',
        jurisdiction: resource.jurisdiction,
        purpose: request.purpose,
        correlationId: request.correlationId,
        causationId: null,
        occurredAt: this.clock().toISOString(),
      },
    };
  }
}

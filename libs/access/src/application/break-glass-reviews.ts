import { randomUUID } from 'node:crypto';
import type { EventStore, JsonObject } from '../../../event-store/src/port.js';
import type { Principal } from '../domain/roles.js';
import type { ResourceKind } from '../domain/resources.js';
import { BREAK_GLASS_OPENED, BREAK_GLASS_REVIEWED, breakGlassStream, accessStream, type BreakGlassReviewed } from './access-events.js';
import type { AccessLogEntry, AccessLogReadModel } from './access-log.js';
import { AccessDeniedError, type PolicyPoint, type RequestContext } from './policy-point.js';

export class BreakGlassReviewError extends Error {
  constructor(
    readonly code: 'access.own_break_glass' | 'access.already_reviewed',
    message: string,
  ) {
    super(message);
    this.name = 'BreakGlassReviewError';
  }
}

/** The data-protection officer's review queue of break-glass openings; nobody reviews their own. */
export class BreakGlassReviews {
  constructor(
    private readonly store: EventStore,
    private readonly accessLog: AccessLogReadModel,
    private readonly policy: PolicyPoint,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async pending(reviewer: Principal, request: RequestContext, jurisdictions: string[] | null): Promise<AccessLogEntry[]> {
    const scope = reviewer.grants.find((g) => g.role === 'data_protection_officer')?.scope ?? reviewer.grants[0]?.scope ?? 'VN';
    await this.policy.authorize(
      reviewer,
      'list',
      { kind: 'break_glass_review', id: null, jurisdiction: scope, assignees: [], fields: {} },
      request,
    );
    return this.accessLog.query({ type: BREAK_GLASS_OPENED, pendingReviewOnly: true, jurisdictions, limit: 500 });
  }

  async review(
    reviewer: Principal,
    grantId: string,
    outcome: BreakGlassReviewed['outcome'],
    note: string,
    request: RequestContext,
  ): Promise<BreakGlassReviewed> {
    const [opening] = await this.accessLog.query({ type: BREAK_GLASS_OPENED, grantId, jurisdictions: null, limit: 1 });
    if (!opening) throw new AccessDeniedError(404);
    await this.policy.authorize(
      reviewer,
      'write',
      { kind: 'break_glass_review', id: grantId, jurisdiction: opening.resource.jurisdiction ?? 'VN', assignees: [], fields: {} },
      request,
    );
    if (opening.actorId === reviewer.userId)
      throw new BreakGlassReviewError('access.own_break_glass', 'Nobody reviews their own break-glass access');
    if (opening.reviewOutcome) throw new BreakGlassReviewError('access.already_reviewed', 'This break-glass access was already reviewed');
    const reviewed: BreakGlassReviewed = { grantId, reviewerId: reviewer.userId, outcome, note };
    await this.store.append(
      breakGlassStream({ kind: opening.resource.kind as ResourceKind, id: opening.resource.id }),
      [
        {
          id: randomUUID(),
          type: BREAK_GLASS_REVIEWED,
          schemaVersion: 1,
          data: reviewed as unknown as JsonObject,
          metadata: {
            actorId: reviewer.userId,
            role: 'data_protection_officer',
            jurisdiction: opening.resource.jurisdiction ?? 'VN',
            purpose: request.purpose,
            correlationId: request.correlationId,
            causationId: opening.eventId,
            occurredAt: this.clock().toISOString(),
          },
        },
      ],
      'stream_exists',
    );
    return reviewed;
  }
}

export interface Viewing {
  at: string;
  actorId: string;
  role: string | null;
  action: string;
  decision: string;
  fieldsRevealed: string[];
  breakGlass: boolean;
}

/** "Who viewed this": the access stream of one record, newest first. */
export async function whoViewed(store: EventStore, kind: ResourceKind, id: string): Promise<Viewing[]> {
  const events = await store.readStream(accessStream({ kind, id }), { direction: 'backward', limit: 500 });
  const breakGlass = await store.readStream(breakGlassStream({ kind, id }), { direction: 'backward', limit: 100 });
  return [...events, ...breakGlass.filter((e) => e.type === BREAK_GLASS_OPENED)]
    .map((e) => {
      const d = e.data as Record<string, unknown>;
      return {
        at: e.metadata.recordedAt,
        actorId: e.metadata.actorId,
        role: (d.decidedRole as string | null | undefined) ?? (d.role as string | undefined) ?? null,
        action: e.type === BREAK_GLASS_OPENED ? 'break_glass' : (d.action as string),
        decision: (d.decision as string | undefined) ?? 'allow',
        fieldsRevealed: (d.fieldsRevealed as string[] | undefined) ?? [],
        breakGlass: e.type === BREAK_GLASS_OPENED || Boolean(d.breakGlass),
      };
    })
    .sort((a, b) => b.at.localeCompare(a.at));
}

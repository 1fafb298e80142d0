import { BadRequestException, Controller, Get, Inject, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { caseIndexScopes } from '../../../../libs/case-index/src/application/case-index-access.js';
import { CASE_INDEX_PROJECTION } from '../../../../libs/case-index/src/case-index-projection.js';
import { CaseIndexNotReadyError, CaseIndexViews } from '../../../../libs/case-index/src/case-index-views.js';
import { sourceOfKind } from '../../../../libs/case-index/src/domain/case-index-sources.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { PROJECTION_RUNNER } from '../projections/projection-tokens.js';
import { DATABASE_POOL, JURISDICTIONS, POLICY_POINT } from '../tokens.js';
import { CaseListQuery, decodeCursor, encodeCursor } from './case-index-query.js';

/** How long a query waits for the index to apply what was in the log when it arrived (read-your-writes). */
const FRESHNESS_WAIT_MS = 1000;

/**
 * The enforcement cases a caller may list (tips, establishments, inspections, hotspots, penalty
 * cases), latest activity first: ids, kinds, units, assignees, statuses, dates and a label of
 * public codes. Rows come only from the kinds and units the caller's roles may list, each listing
 * recorded by the policy point. Support cases are never here (their list is GET /support-cases).
 */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseIndexController {
  private readonly views: CaseIndexViews;

  constructor(
    @Inject(DATABASE_POOL) pool: pg.Pool,
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(JURISDICTIONS) private readonly units: JurisdictionDirectory,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {
    this.views = new CaseIndexViews(pool);
  }

  @Get()
  @ApiOperation({ summary: 'Enforcement cases you may list, latest activity first, a page at a time (pass `next` back as `cursor`)' })
  @ApiOkResponse({
    description:
      'asOf, fresh, cases (kind, caseId, jurisdiction, assigneeIds, status, openedOn, lastEventAt, label) and next (null on the last page)',
  })
  @ApiForbiddenResponse({ description: 'None of your roles may list enforcement cases in that unit' })
  @ApiServiceUnavailableResponse({ description: 'The case index is not built yet' })
  async list(@Query() query: CaseListQuery, @CurrentCaller() caller: Caller) {
    if (query.jurisdiction !== undefined && !this.units.exists(query.jurisdiction))
      throw new BadRequestException(['jurisdiction must be the code of a unit']);
    if (query.kind !== undefined && query.status !== undefined && !sourceOfKind(query.kind).statuses.includes(query.status)) {
      throw new BadRequestException([
        `status must be one of the statuses of ${query.kind}: ${sourceOfKind(query.kind).statuses.join(', ')}`,
      ]);
    }
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
    if (after === null) throw new BadRequestException(['cursor must be the next value of a previous page']);
    const now = new Date();
    const scopes = await caseIndexScopes(this.policy, this.units, {
      principal: caller.principal,
      request: caller,
      jurisdiction: query.jurisdiction,
      kind: query.kind,
      now,
    });
    const fresh = await this.runner.waitForHead(CASE_INDEX_PROJECTION, FRESHNESS_WAIT_MS);
    const assignee = query.assignee === 'me' ? caller.principal.userId : query.assignee;
    try {
      const page = await this.views.list(scopes, { status: query.status, assignee, q: query.q, after, limit: query.limit ?? 50 });
      return { asOf: now.toISOString(), fresh, cases: page.cases, next: page.next && encodeCursor(page.next) };
    } catch (error) {
      if (error instanceof CaseIndexNotReadyError)
        throw new ServiceUnavailableException('The case index is not built yet; start the projector. / Chưa dựng xong danh sách hồ sơ.');
      throw error;
    }
  }
}

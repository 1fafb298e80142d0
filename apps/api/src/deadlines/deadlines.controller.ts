import { BadRequestException, Controller, Get, Inject, Query, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { deadlineScopes } from '../../../../libs/deadlines/src/application/deadline-access.js';
import { DeadlineViewNotReadyError, type DeadlineViews } from '../../../../libs/deadlines/src/deadline-views.js';
import { DEADLINES_PROJECTION } from '../../../../libs/deadlines/src/deadlines-projection.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { JURISDICTIONS, POLICY_POINT } from '../tokens.js';
import { DEADLINE_VIEWS, PROJECTION_RUNNER } from '../projections/projection-tokens.js';
import { beforeInstant, DeadlineListQuery, DeadlineSummaryQuery, type DeadlineFilterQuery } from './deadline-query.js';

/** How long a query waits for the view to apply what was in the log when it arrived (read-your-writes). */
const FRESHNESS_WAIT_MS = 1000;

/**
 * Cases due or overdue against their legal time limits, per unit and per officer: ids, kinds,
 * units, assignee ids and dates only. Rows come only from the kinds and units the caller's roles
 * may list (each listing recorded by the policy point).
 */
@ApiTags('deadlines')
@ApiBearerAuth()
@Controller('deadlines')
export class DeadlinesController {
  constructor(
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(JURISDICTIONS) private readonly units: JurisdictionDirectory,
    @Inject(DEADLINE_VIEWS) private readonly views: DeadlineViews,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Legal deadlines of tips and penalty cases you may list, soonest first' })
  @ApiForbiddenResponse({ description: 'None of your roles may list cases with deadlines in that unit' })
  async list(@Query() query: DeadlineListQuery, @CurrentCaller() caller: Caller) {
    const { now, scopes, filter, fresh } = await this.prepare(query, caller);
    const deadlines = await this.read(() => this.views.list(scopes, { ...filter, limit: query.limit ?? 100 }));
    return { asOf: now.toISOString(), fresh, deadlines };
  }

  @Get('summary')
  @ApiOperation({ summary: 'Counts of due, overdue and met deadlines per unit or per assignee' })
  @ApiForbiddenResponse({ description: 'None of your roles may list cases with deadlines in that unit' })
  async summary(@Query() query: DeadlineSummaryQuery, @CurrentCaller() caller: Caller) {
    const { now, scopes, filter, fresh } = await this.prepare(query, caller);
    const by = query.by ?? 'jurisdiction';
    const counts = await this.read(() => this.views.counts(scopes, filter, by));
    return { asOf: now.toISOString(), fresh, by, counts };
  }

  private async prepare(query: DeadlineFilterQuery, caller: Caller) {
    if (query.jurisdiction !== undefined && !this.units.exists(query.jurisdiction))
      throw new BadRequestException(['jurisdiction must be the code of a unit']);
    const now = new Date();
    const scopes = await deadlineScopes(this.policy, this.units, {
      principal: caller.principal,
      request: caller,
      jurisdiction: query.jurisdiction,
      kind: query.kind,
      now,
    });
    const fresh = await this.runner.waitForHead(DEADLINES_PROJECTION, FRESHNESS_WAIT_MS);
    const assignee = query.assignee === 'me' ? caller.principal.userId : query.assignee;
    return { now, scopes, fresh, filter: { assignee, status: query.status, before: beforeInstant(query.before), now } };
  }

  private async read<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (error instanceof DeadlineViewNotReadyError)
        throw new ServiceUnavailableException(
          'The deadline view is not built yet; start the projector. / Chưa dựng xong dữ liệu thời hạn.',
        );
      throw error;
    }
  }
}

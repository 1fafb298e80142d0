import {
  BadRequestException,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Query,
  ServiceUnavailableException,
  StreamableFile,
} from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import {
  statisticsOptions,
  StatisticsService,
  type IndicatorRequest,
} from '../../../../libs/indicators/src/application/statistics-service.js';
import { DEADLINES_PROJECTION } from '../../../../libs/deadlines/src/deadlines-projection.js';
import { INDICATOR_FACTS_PROJECTION } from '../../../../libs/indicators/src/indicator-facts-projection.js';
import { IndicatorReader, IndicatorViewNotReadyError } from '../../../../libs/indicators/src/indicator-reader.js';
import { REPORT_CONTENT_TYPES, renderReport } from '../../../../libs/indicators/src/reports/render-report.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { isIndicatorCode } from '../../../../libs/statistics/src/domain/indicator-catalogue.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { PROJECTION_RUNNER } from '../projections/projection-tokens.js';
import { APP_CONFIG, DATABASE_POOL, EVENT_STORE, JURISDICTION_TREE, POLICY_POINT } from '../tokens.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { EventStorePrivacyLedger } from '../../../../libs/indicators/src/application/privacy-ledger.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import { IndicatorQuery, PERIODS_PER_YEAR, PlansQuery, QUERY_PERIODS, ReportQuery, TrendQuery } from './statistics-query.js';

/** How long a query waits for the facts to take in what was in the log when it arrived. */
const FRESHNESS_WAIT_MS = 1000;

/**
 * Aggregate statistics for statisticians and auditors: every indicator of the plans as counts
 * (value / target / met), never a case or a person; person-based figures through the disclosure
 * control. Each answer is authorised (and recorded) by the policy point as kind `statistics`.
 */
@ApiTags('statistics')
@ApiBearerAuth()
@Controller('statistics')
export class StatisticsController {
  private readonly service: StatisticsService;

  constructor(
    @Inject(DATABASE_POOL) pool: pg.Pool,
    @Inject(POLICY_POINT) policy: PolicyPoint,
    @Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    // Under STATISTICS_MECHANISM=dp every release is charged to the privacy-loss ledger (events) first.
    const ledger = new EventStorePrivacyLedger(store, config.disclosure.dp.yearlyBudget);
    this.service = new StatisticsService(new IndicatorReader(pool, tree), policy, tree, statisticsOptions(config, undefined, ledger));
  }

  @Get('indicators')
  @ApiOperation({
    summary: 'Every indicator for an area and period: value, numerator, denominator, target and met; suppressed person figures marked',
  })
  @ApiForbiddenResponse({ description: 'Only statisticians and auditors, in their jurisdiction' })
  async indicators(@Query() query: IndicatorQuery, @CurrentCaller() caller: Caller) {
    const request = this.request(query);
    const fresh = await this.fresh();
    return { fresh, ...(await this.read(() => this.service.indicators({ principal: caller.principal, request: caller }, request))) };
  }

  @Get('plans')
  @ApiOperation({
    summary:
      'The plans relevant to an area, to pick one for the indicators: those adopted by the area or a unit inside it, and those of the units containing it (a province plan applies to its communes)',
  })
  @ApiOkResponse({
    description:
      'fresh, area, and plans (latest period first): id, title, documentRef, jurisdiction (code, name), period (from, to), targets (how many), status',
  })
  @ApiForbiddenResponse({ description: 'Only statisticians and auditors, in their jurisdiction' })
  async plans(@Query() query: PlansQuery, @CurrentCaller() caller: Caller) {
    if (query.area !== undefined) this.unit(query.area);
    const fresh = await this.runner.waitForHead(INDICATOR_FACTS_PROJECTION, FRESHNESS_WAIT_MS);
    return { fresh, ...(await this.read(() => this.service.plans({ principal: caller.principal, request: caller }, query.area))) };
  }

  @Get('indicators/:code/trend')
  @ApiOperation({ summary: 'One indicator month by month over a year' })
  @ApiForbiddenResponse({ description: 'Only statisticians and auditors, in their jurisdiction' })
  async trend(@Param('code') code: string, @Query() query: TrendQuery, @CurrentCaller() caller: Caller) {
    if (!isIndicatorCode(code)) throw new NotFoundException('No indicator with that code / Không có chỉ tiêu với mã này');
    this.unit(query.area);
    const fresh = await this.fresh();
    return {
      fresh,
      ...(await this.read(() => this.service.trend({ principal: caller.principal, request: caller }, code, query.area, query.year))),
    };
  }

  @Get('reports')
  @ApiOperation({
    summary: 'The periodic report of a jurisdiction and period as JSON, CSV, XLSX, PDF or printable HTML, in Vietnamese or English',
  })
  @ApiProduces(...Object.values(REPORT_CONTENT_TYPES).map((type) => type.split(';')[0]!))
  @ApiOkResponse({
    description: 'The report as an attachment (Content-Disposition names the file), in the format asked',
    schema: { type: 'string', format: 'binary' },
  })
  @ApiForbiddenResponse({ description: 'Only statisticians and auditors, in their jurisdiction' })
  async report(@Query() query: ReportQuery, @CurrentCaller() caller: Caller): Promise<StreamableFile> {
    const request = this.request(query);
    await this.fresh();
    const answer = await this.read(() => this.service.indicators({ principal: caller.principal, request: caller }, request, 'export'));
    const report = await renderReport(answer, query.format ?? 'json', query.lang ?? 'vi');
    return new StreamableFile(report.body, {
      type: report.contentType,
      disposition: `attachment; filename="${report.fileName}"`,
      length: report.body.length,
    });
  }

  /** Both views the answer rests on (the facts, and the deadlines that say which tips ran late) have taken in the log as it was. */
  private async fresh(): Promise<boolean> {
    const [facts, deadlines] = await Promise.all([
      this.runner.waitForHead(INDICATOR_FACTS_PROJECTION, FRESHNESS_WAIT_MS),
      this.runner.waitForHead(DEADLINES_PROJECTION, FRESHNESS_WAIT_MS),
    ]);
    return facts && deadlines;
  }

  private request(query: IndicatorQuery): IndicatorRequest {
    this.unit(query.area);
    const index = query.index ?? 1;
    if (index > PERIODS_PER_YEAR[query.period])
      throw new BadRequestException([`index must be from 1 to ${PERIODS_PER_YEAR[query.period]} for period ${query.period}`]);
    return { area: query.area, period: QUERY_PERIODS[query.period], year: query.year, index, plan: query.plan };
  }

  private unit(area: string): void {
    if (!this.tree.has(area)) throw new BadRequestException(['area must be the code of a unit']);
  }

  private async read<T>(query: () => Promise<T>): Promise<T> {
    try {
      return await query();
    } catch (error) {
      if (error instanceof IndicatorViewNotReadyError)
        throw new ServiceUnavailableException(
          'The indicator facts are not built yet; start the projector. / Chưa dựng xong dữ liệu thống kê.',
        );
      throw error;
    }
  }
}

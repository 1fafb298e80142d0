import { EventStorePrivacyLedger } from '../../../../libs/indicators/src/application/privacy-ledger.js';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { isRole, type Principal } from '../../../../libs/access/src/domain/roles.js';
import { statisticsOptions, StatisticsService } from '../../../../libs/indicators/src/application/statistics-service.js';
import { IndicatorReader } from '../../../../libs/indicators/src/indicator-reader.js';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../../../libs/indicators/src/reports/periodic-report.js';
import { REPORT_FORMATS, renderReport, type ReportFormat } from '../../../../libs/indicators/src/reports/render-report.js';
import { buildAccessServices } from '../../../api/src/access/access-services.js';
import { openPlatformStorage } from '../../../api/src/platform-storage.js';
import { PERIODS_PER_YEAR, QUERY_PERIODS, type QueryPeriod } from '../../../api/src/statistics/statistics-query.js';
import { defineCommand, UsageError, type CliContext } from '../command.js';
import { configFrom } from './audit-session.js';

const DESCRIPTION = `The periodic report of a jurisdiction and period: every indicator, value / target / met, person
figures through the disclosure control (suppressed cells marked). Vietnamese by default. Asked
through the policy point like the API's GET /statistics/reports (and recorded); reads the
indicator projection as the running API or projector keeps it. Without --out, JSON, CSV and HTML
go to stdout; XLSX and PDF need --out. Who asks defaults to the operator "cli" as a statistician of
the area asked.`;

interface ReportOptions {
  area?: string;
  period?: string;
  year?: string;
  index?: string;
  plan?: string;
  format?: string;
  lang?: string;
  out?: string;
  user?: string;
  role?: string;
  scope?: string;
}

/** Formats that are not text: written only to a file, never to the terminal. */
const BINARY_FORMATS: ReadonlySet<ReportFormat> = new Set(['xlsx', 'pdf']);

const STEPS = ['open storage', 'authorise and read facts', 'compute indicators', 'write report'];

export const reportCommand = defineCommand<ReportOptions>({
  name: 'report',
  summary: 'Write the periodic indicators report of a jurisdiction and period (JSON, CSV, XLSX, PDF or printable HTML)',
  declare: (command) =>
    command
      .usage(
        `--area CODE --period year|half|quarter|month|nine_months --year YYYY [--index N]
              [--plan ID] [--format json|csv|xlsx|pdf|html] [--lang vi|en] [--out FILE]
              [--user ID --role statistician|auditor --scope CODE]`,
      )
      .description(DESCRIPTION)
      .option('--area <CODE>', 'the jurisdiction: VN or a unit code such as 01 or 10015')
      .option('--period <PERIOD>', `the kind of period: ${Object.keys(QUERY_PERIODS).join(', ')}`)
      .option('--year <YYYY>', 'the year, such as 2026')
      .option('--index <N>', 'which period of the year, from 1 (the default): up to 2 halves, 4 quarters or 12 months')
      .option('--plan <ID>', "the plan whose targets the figures are measured against (default: the area's plan in force)")
      .option('--format <FORMAT>', `${REPORT_FORMATS.join(', ')} (default json)`)
      .option('--lang <LANG>', `${REPORT_LANGUAGES.join(', ')} (default vi)`)
      .option('--out <FILE>', 'write the report to FILE (required for xlsx and pdf)')
      .option('--user <ID>', 'who asks (default: the operator "cli" as a statistician of the area)')
      .option('--role <ROLE>', 'their role: statistician or auditor')
      .option('--scope <CODE>', 'the unit their role is held over'),
  async action(values, _operands, context: CliContext): Promise<number> {
    const area = values.area ?? '';
    if (!/^[A-Z0-9]{2,8}$/.test(area)) throw new UsageError('--area: a unit code such as 01 or 10015, or VN');
    if (!values.period || !(values.period in QUERY_PERIODS))
      throw new UsageError(`--period: one of ${Object.keys(QUERY_PERIODS).join(', ')}`);
    const period = values.period as QueryPeriod;
    const year = Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError('--year: a year such as 2026');
    const index = values.index === undefined ? 1 : Number(values.index);
    if (!Number.isInteger(index) || index < 1 || index > PERIODS_PER_YEAR[period])
      throw new UsageError(`--index: 1 to ${PERIODS_PER_YEAR[period]} for --period ${period}`);
    const format = (values.format ?? 'json') as ReportFormat;
    if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format: one of ${REPORT_FORMATS.join(', ')}`);
    const lang = (values.lang ?? 'vi') as ReportLanguage;
    if (!REPORT_LANGUAGES.includes(lang)) throw new UsageError(`--lang: one of ${REPORT_LANGUAGES.join(', ')}`);
    if (BINARY_FORMATS.has(format) && !values.out)
      throw new UsageError(`--out FILE: the ${format.toUpperCase()} report is written to a file`);
    const principal = callerOf(values);

    const show = context.progress ?? context.err;
    const step = (i: number) => show(`[${'#'.repeat(i + 1)}${'-'.repeat(STEPS.length - i - 1)}] ${i + 1}/${STEPS.length} ${STEPS[i]}`);
    step(0);
    const config = configFrom(context);
    const storage = await openPlatformStorage(config, (line) => context.err(line), { leaveAdoptedServerRunning: true });
    const pool = new pg.Pool({ connectionString: storage.databaseUrl, max: 2 });
    try {
      if (!storage.jurisdictions.has(area)) throw new UsageError(`--area ${area}: no such unit`);
      const access = await buildAccessServices(config, storage.eventStore, pool, storage.jurisdictions);
      const ledger = new EventStorePrivacyLedger(storage.eventStore, config.disclosure.dp.yearlyBudget);
      const service = new StatisticsService(
        new IndicatorReader(pool, storage.jurisdictions),
        access.policy,
        storage.jurisdictions,
        statisticsOptions(config, undefined, ledger),
      );
      step(1);
      const answer = await service.indicators(
        { principal, request: { purpose: 'statistics', correlationId: `cli-${Date.now().toString(36)}` } },
        { area, period: QUERY_PERIODS[period], year, index, plan: values.plan },
        'export',
      );
      step(2);
      const report = await renderReport(answer, format, lang);
      step(3);
      if (values.out) await writeFile(values.out, report.body);
      else context.out(report.body.toString('utf8'));
      if (context.progress) context.err('');
      if (values.out)
        context.err(
          `${values.out}: ${answer.indicators.length} indicators, ${answer.indicators.filter((l) => l.suppressed).length} suppressed, ${report.body.length} bytes`,
        );
      return 0;
    } finally {
      await pool.end().catch(() => undefined);
      await storage.close();
    }
  },
});

function callerOf(values: { area?: string; user?: string; role?: string; scope?: string }): Principal {
  if (values.user === undefined && values.role === undefined && values.scope === undefined)
    return { userId: 'cli', grants: [{ role: 'statistician', scope: values.area! }] };
  if (!values.user || !/^[A-Za-z0-9_.@-]{1,100}$/.test(values.user)) throw new UsageError('--user: the id of the person asking');
  if (!values.role || !isRole(values.role)) throw new UsageError('--role: statistician or auditor');
  if (!values.scope || !/^[A-Z0-9]{2,8}$/.test(values.scope)) throw new UsageError('--scope: VN or a unit code such as 01');
  return { userId: values.user, grants: [{ role: values.role, scope: values.scope }] };
}

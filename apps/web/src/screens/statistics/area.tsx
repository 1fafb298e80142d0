import { useState } from 'preact/hooks';
import { ApiError } from '../../api.js';
import type { AreaProps } from '../../app.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDate, formatDateTime, formatNumber } from '../../i18n/i18n.js';
import { mayExportReports } from '../../roles.js';
import { navigate, queryParam } from '../../router.js';
import { rolesOf } from '../../session.js';
import { Badge, ErrorBox, Loading, Page, Section, SelectField } from '../../ui/components.js';
import { defaultUnit, UnitSelect } from '../../ui/units.js';
import { MonthTrend, TargetBar } from './charts.js';
import {
  indicatorsPath,
  PERIODS,
  planYears,
  plansPath,
  reportPath,
  trendPath,
  type DashboardQuery,
  type IndicatorAnswer,
  type IndicatorRow,
  type PlanChoice,
  type PlanList,
  type ReportDownload,
  type TrendAnswer,
} from './indicator-shape.js';

const PERIOD_WORDS: Record<string, [string, string]> = {
  'year-1': ['Cả năm', 'Whole year'],
  'nine_months-1': ['9 tháng', 'Nine months'],
  'half-1': ['6 tháng đầu năm', 'First half'],
  'half-2': ['6 tháng cuối năm', 'Second half'],
  'quarter-1': ['Quý I', 'Quarter 1'],
  'quarter-2': ['Quý II', 'Quarter 2'],
  'quarter-3': ['Quý III', 'Quarter 3'],
  'quarter-4': ['Quý IV', 'Quarter 4'],
};

const rowKey = (row: IndicatorRow) => (row.subgroup ? `${row.code}:${row.subgroup}` : row.code);
const SUBGROUPS: Record<string, [string, string]> = {
  province: ['cấp tỉnh', 'province level'],
  district: ['cấp huyện (cũ)', 'former district level'],
  commune: ['cấp xã', 'commune level'],
};
const rowName = (row: IndicatorRow, lang: 'vi' | 'en') =>
  row.subgroup ? `${row.name[lang]} (${SUBGROUPS[row.subgroup]?.[lang === 'vi' ? 0 : 1] ?? row.subgroup})` : row.name[lang];

function shown(row: Pick<IndicatorRow, 'measure'>, value: number | null, lang: 'vi' | 'en'): string {
  if (value === null) return '—';
  const n = formatNumber(lang, value, row.measure === 'count' ? 0 : 1);
  return row.measure === 'percent' || row.measure === 'percent_change' ? `${n} %` : n;
}

function Verdict(props: { row: IndicatorRow }) {
  const { t } = useApp();
  if (props.row.suppressed && props.row.met !== null) {
    // The figures are withheld, the verdict is not: it rests on enough people to say no more than that someone is missing (or no one).
    return (
      <span class="verdict-only">
        <Badge tone="warn">{t('stats.suppressed')}</Badge>{' '}
        <Badge tone={props.row.met ? 'good' : 'bad'}>{props.row.met ? t('stats.met') : t('stats.notMet')}</Badge>
      </span>
    );
  }
  if (props.row.suppressed) return <Badge tone="warn">{t('stats.suppressed')}</Badge>;
  if (props.row.met === true) return <Badge tone="good">{t('stats.met')}</Badge>;
  if (props.row.met === false) return <Badge tone="bad">{t('stats.notMet')}</Badge>;
  return <Badge>{props.row.target ? t('stats.unknown') : t('stats.noTarget')}</Badge>;
}

function Trend(props: { rows: IndicatorRow[]; query: DashboardQuery }) {
  const { t, lang } = useApp();
  const codes = [...new Map(props.rows.map((r) => [r.code, r])).values()];
  const [code, setCode] = useState<string>(codes[0]?.code ?? '');
  const chosen = codes.find((r) => r.code === code) ?? codes[0];
  const trend = useLoad(
    (a) => (chosen ? a.get<TrendAnswer>(trendPath(chosen.code, props.query)).then((r) => r.data) : Promise.resolve(null)),
    [chosen?.code, props.query.area, props.query.year],
  );
  if (!chosen) return null;
  return (
    <Section title={t('stats.trend')}>
      <SelectField
        label={t('stats.indicator')}
        name="trendIndicator"
        value={chosen.code}
        onChange={setCode}
        options={codes.map((r) => ({ value: r.code, label: r.name[lang] }))}
      />
      <ErrorBox error={trend.error} />
      {trend.data ? (
        <figure>
          <MonthTrend months={trend.data.months} label={`${t('stats.trend')}: ${chosen.name[lang]}, ${props.query.year}`} />
          <figcaption class="muted">
            {t('stats.month')} 1–12/{props.query.year} · × {t('stats.suppressed')}
          </figcaption>
        </figure>
      ) : (
        <Loading />
      )}
    </Section>
  );
}

/** The plans that speak for the area, to compare the figures with (unit and years first: a long title is cut in the closed list); a plan in the address but not in the list is kept as chosen. */
function PlanSelect(props: { area: string; value: string; onChange(plan: string): void }) {
  const { t } = useApp();
  const list = useLoad((a) => a.get<PlanList>(plansPath(props.area)).then((r) => r.data), [props.area]);
  const plans = list.data?.plans ?? [];
  const label = (p: PlanChoice) =>
    [
      p.jurisdiction.name ?? p.jurisdiction.code,
      planYears(p.period),
      `${p.title ?? p.id}${p.documentRef ? ` (${p.documentRef})` : ''}`,
      t('stats.planTargets', { count: p.targets }),
      ...(p.status === 'withdrawn' ? [t('stats.planWithdrawn')] : []),
    ]
      .filter(Boolean)
      .join(' · ');
  const options = [{ value: '', label: t('stats.planNone') }, ...plans.map((p) => ({ value: p.id, label: label(p) }))];
  if (props.value && !plans.some((p) => p.id === props.value)) options.push({ value: props.value, label: props.value });
  return (
    <>
      <SelectField
        label={`${t('stats.plan')} ${t('app.optional')}`}
        name="plan"
        value={props.value}
        onChange={props.onChange}
        options={options}
      />
      <ErrorBox error={list.error} />
    </>
  );
}

/**
 * Statisticians and programme officers: every indicator of an area and a period as value against
 * the plan's target; figures only, never a case. The periodic report only for roles that may export.
 */
export default function StatisticsArea({ path }: AreaProps) {
  const { t, lang, api, session } = useApp();
  const scope = defaultUnit(session?.grants ?? [], ['statistician', 'programme_officer', 'auditor']);
  const exports = mayExportReports(rolesOf(session));
  const thisYear = new Date().getFullYear();
  const query: DashboardQuery = {
    area: queryParam(path, 'area') ?? scope,
    year: Number(queryParam(path, 'year') ?? thisYear),
    period: queryParam(path, 'period') ?? 'year-1',
    plan: queryParam(path, 'plan') ?? '',
  };
  const show = (change: Partial<DashboardQuery>) => {
    const next = { ...query, ...change };
    navigate(
      `/console/statistics?${new URLSearchParams({ area: next.area, year: String(next.year), period: next.period, ...(next.plan ? { plan: next.plan } : {}) }).toString()}`,
      true,
    );
  };
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const loaded = useLoad(
    (a) => a.get<IndicatorAnswer>(indicatorsPath(query)).then((r) => r.data),
    [query.area, query.year, query.period, query.plan],
  );
  const missingRoute = loaded.error instanceof ApiError && loaded.error.status === 404 && !query.plan;
  const download = async (format: ReportDownload) => {
    setDownloadError(null);
    try {
      const file = await api.download(reportPath(query, format, lang));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file.blob);
      link.download = file.filename ?? `bao-cao-${query.area}-${query.year}.${format}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (error) {
      setDownloadError(error);
    }
  };
  const data = loaded.data;
  return (
    <Page title={t('stats.title')}>
      <div class="card">
        <div class="inline">
          <UnitSelect label={t('stats.area')} scope={scope} value={query.area} onChange={(area) => show({ area })} allowCountry />
          <SelectField
            label={t('stats.year')}
            name="year"
            value={String(query.year)}
            onChange={(v) => show({ year: Number(v) })}
            options={[0, 1, 2].map((d) => ({ value: String(thisYear - d), label: String(thisYear - d) }))}
          />
          <SelectField
            label={t('stats.period')}
            name="period"
            value={query.period}
            onChange={(period) => show({ period })}
            options={PERIODS.map((p) => ({ value: p.value, label: PERIOD_WORDS[p.value]![lang === 'vi' ? 0 : 1] }))}
          />
        </div>
        {/* On a line of its own: plan titles are long, and the list keeps within the card. */}
        <PlanSelect area={query.area} value={query.plan} onChange={(plan) => show({ plan })} />
      </div>
      {missingRoute ? (
        <p class="notice" role="alert">
          {t('error.unavailable')}
        </p>
      ) : (
        <ErrorBox error={loaded.error} />
      )}
      {loaded.loading ? <Loading /> : null}
      {data ? (
        <>
          <p class="muted">
            {data.area.name ?? data.area.code} · {data.period.label[lang]} ·{' '}
            {data.plan
              ? `${data.plan.title ?? data.plan.id}${data.plan.documentRef ? ` (${data.plan.documentRef})` : ''}`
              : t('stats.noPlan')}{' '}
            · {formatDateTime(lang, data.asOf)}
          </p>
          {data.reportDue ? <p class="report-due">{t('stats.reportDue', { day: formatDate(lang, data.reportDue.lastDay) })}</p> : null}
          {data.fresh ? null : <p class="notice">{t('deadlines.stale')}</p>}
          <Section title={t('stats.bars')}>
            <p class="legend">
              <span>
                <span class="swatch swatch-bar" />
                {t('stats.value')}
              </span>
              <span>
                <span class="swatch swatch-target" />
                {t('stats.targetLine')}
              </span>
            </p>
            <p class="muted">{t('stats.suppressedNote', { threshold: data.threshold })}</p>
            {data.disclosure?.roundedToFive ? <p class="muted">{t('stats.roundedNote')}</p> : null}
            {data.disclosure?.perturbed ? <p class="muted">{t('stats.perturbedNote')}</p> : null}
            {data.disclosure?.totals === 'independently_perturbed' ? <p class="muted">{t('stats.totalsNote')}</p> : null}
            {data.indicators.length === 0 ? <p>{t('stats.noData')}</p> : null}
            <div class="table-wrap">
              <table>
                <caption>{t('stats.bars')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('stats.indicator')}</th>
                    <th scope="col">{t('stats.value')}</th>
                    <th scope="col">{t('stats.target')}</th>
                    <th scope="col">{t('app.status')}</th>
                    <th scope="col">{t('stats.bars')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.indicators.map((row) => (
                    <tr key={rowKey(row)} data-indicator={rowKey(row)}>
                      <th scope="row">{rowName(row, lang)}</th>
                      <td class="figure">{row.suppressed ? t('stats.suppressed') : shown(row, row.value, lang)}</td>
                      <td class="figure">
                        {row.target ? `${row.target.comparator === 'at_most' ? '≤' : '≥'} ${shown(row, row.target.value, lang)}` : '—'}
                      </td>
                      <td>
                        <Verdict row={row} />
                      </td>
                      <td>
                        <TargetBar
                          row={row}
                          label={`${rowName(row, lang)}: ${row.suppressed ? t('stats.suppressed') : shown(row, row.value, lang)}${row.target ? `, ${t('stats.target')} ${shown(row, row.target.value, lang)}` : ''}`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Section>
          <Trend rows={data.indicators} query={query} />
        </>
      ) : null}
      {exports ? (
        <Section title={t('stats.download')}>
          <div class="inline">
            <button type="button" class="button secondary" onClick={() => void download('csv')}>
              CSV
            </button>
            <button type="button" class="button secondary" onClick={() => void download('xlsx')}>
              XLSX
            </button>
            <button type="button" class="button secondary" onClick={() => void download('pdf')}>
              PDF
            </button>
            <button type="button" class="button secondary" onClick={() => void download('html')}>
              {t('stats.printable')}
            </button>
          </div>
          <ErrorBox error={downloadError} />
        </Section>
      ) : null}
    </Page>
  );
}

import { useApp } from '../../app-context.js';
import { formatNumber } from '../../i18n/i18n.js';
import { barScale, type IndicatorRow, type TrendAnswer } from './indicator-shape.js';

const WIDTH = 300;
const HEIGHT = 26;

/** One bar (the value) against a dashed line (the target); nothing drawn for a suppressed value. */
export function TargetBar(props: { row: IndicatorRow; label: string }) {
  const { t } = useApp();
  const { bar, target } = barScale(props.row);
  const x = (p: number) => (p / 100) * WIDTH;
  const tone = props.row.met === true ? 'bar-met' : props.row.met === false ? 'bar-missed' : 'bar';
  return (
    <svg class="chart chart-bar" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={props.label} width={WIDTH} height={HEIGHT}>
      <line class="axis" x1={0} y1={HEIGHT - 2} x2={WIDTH} y2={HEIGHT - 2} />
      {bar !== null ? (
        <rect class={tone} x={0} y={5} width={Math.max(1, x(bar))} height={HEIGHT - 10} />
      ) : props.row.suppressed ? (
        <text x={4} y={HEIGHT / 2 + 4}>
          {t('stats.suppressed')}
        </text>
      ) : null}
      {target !== null ? <line class="target" x1={x(target)} y1={1} x2={x(target)} y2={HEIGHT - 1} /> : null}
    </svg>
  );
}

/** Month by month as bars; a suppressed month is marked ×, never drawn as a figure. */
export function MonthTrend(props: { months: TrendAnswer['months']; label: string }) {
  const { t, lang } = useApp();
  const w = 480;
  const h = 110;
  const top = Math.max(1, ...props.months.map((m) => (m.suppressed ? 0 : Math.abs(m.value ?? 0))));
  const step = w / Math.max(1, props.months.length);
  return (
    <svg
      class="chart"
      viewBox={`0 0 ${w} ${h + 16}`}
      role="img"
      aria-label={`${props.label}. ${t('stats.suppressed')}: ×`}
      width={w}
      height={h + 16}
    >
      <line class="axis" x1={0} y1={h} x2={w} y2={h} />
      {props.months.map((m, i) => {
        const height = m.value === null || m.suppressed ? 0 : (Math.abs(m.value) / top) * (h - 14);
        const label = m.period.label[lang];
        return (
          <g key={m.period.from}>
            {m.suppressed ? (
              <text x={i * step + step / 2} y={h - 4} text-anchor="middle" class="suppressed-mark">
                ×
              </text>
            ) : m.value === null ? null : (
              <rect class="bar" x={i * step + 2} y={h - height} width={Math.max(2, step - 4)} height={height}>
                <title>{`${label}: ${formatNumber(lang, m.value, 1)}`}</title>
              </rect>
            )}
            <text x={i * step + step / 2} y={h + 12} text-anchor="middle">
              {i + 1}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

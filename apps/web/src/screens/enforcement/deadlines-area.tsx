import type { AreaProps } from '../../app.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDateTime } from '../../i18n/i18n.js';
import { Link } from '../../router.js';
import { Badge, ErrorBox, Loading, Page, Section, Table } from '../../ui/components.js';
import { deadlineBoard, deadlineNameKey, loadCurrentDeadlines, type DeadlineEntry } from './deadline-groups.js';

const CASE_PATHS: Record<string, string> = { tip: '/console/tips/', penalty_case: '/console/penalty-cases/' };

export function CaseLink(props: { kind: string; id: string }) {
  const base = CASE_PATHS[props.kind];
  return base ? <Link href={`${base}${encodeURIComponent(props.id)}`}>{props.id}</Link> : <code>{props.id}</code>;
}

/** Rows drawn per group: the soonest first; the count says how many more there are. */
const MAX_ROWS = 100;

function Rows(props: { title: string; rows: DeadlineEntry[]; tone: 'bad' | 'warn' | 'neutral' }) {
  const { t, tv, lang } = useApp();
  return (
    <Section title={`${props.title} (${props.rows.length})`}>
      <Table
        caption={props.title}
        head={[t('deadlines.case'), t('deadlines.what'), t('app.jurisdiction'), t('app.assignee'), t('deadlines.dueOn')]}
        empty={props.rows.length === 0}
        emptyText={t('deadlines.empty')}
      >
        {props.rows.slice(0, MAX_ROWS).map((row) => (
          <tr key={`${row.kind}-${row.caseId}-${row.deadline}`}>
            <td>
              {tv('kind', row.kind)} <CaseLink kind={row.kind} id={row.caseId} />
            </td>
            <td>{tv('deadlineName', deadlineNameKey(row.deadline))}</td>
            <td>{row.jurisdiction}</td>
            <td>{row.assigneeId ?? '—'}</td>
            <td>
              <Badge tone={props.tone}>{formatDateTime(lang, row.dueAt)}</Badge>
            </td>
          </tr>
        ))}
      </Table>
      {props.rows.length > MAX_ROWS ? <p class="muted">{t('app.showingRows', { shown: MAX_ROWS, total: props.rows.length })}</p> : null}
    </Section>
  );
}

/** What is overdue, due within a week, and due later, across the cases the user may list (GET /deadlines). */
export default function DeadlineBoardScreen(_: AreaProps) {
  const { t } = useApp();
  const loaded = useLoad((api) => loadCurrentDeadlines(api), []);
  const board = loaded.data ? deadlineBoard(loaded.data.deadlines, new Date(loaded.data.asOf)) : null;
  return (
    <Page title={t('deadlines.title')}>
      <ErrorBox error={loaded.error} />
      {loaded.loading ? <Loading /> : null}
      {loaded.data && !loaded.data.fresh ? <p class="notice">{t('deadlines.stale')}</p> : null}
      {board ? (
        <>
          <Rows title={t('deadlines.overdue')} rows={board.overdue} tone="bad" />
          <Rows title={t('deadlines.dueSoon')} rows={board.dueSoon} tone="warn" />
          <Rows title={t('deadlines.later')} rows={board.later} tone="neutral" />
        </>
      ) : null}
    </Page>
  );
}

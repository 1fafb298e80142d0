import { useState } from 'preact/hooks';
import { TIP_CHANNELS, TIP_KINDS } from '../../../../../libs/tips/src/domain/tip-types.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDateTime } from '../../i18n/i18n.js';
import { Link, navigate } from '../../router.js';
import {
  Badge,
  CheckboxField,
  CommandForm,
  ErrorBox,
  Loading,
  Page,
  SelectField,
  Table,
  TextArea,
  TextField,
} from '../../ui/components.js';
import { defaultUnit, UnitSelect } from '../../ui/units.js';
import { casesFromDeadlines, deadlineNameKey, loadCurrentDeadlines } from './deadline-groups.js';

const MAX_LINES = 200;

/** The tips in the user's scope, most urgent first, from the deadline view (every received tip owes a classification). */
export function TipList() {
  const { t, tv, lang } = useApp();
  const loaded = useLoad((api) => loadCurrentDeadlines(api, 'tip'), []);
  const lines = loaded.data ? casesFromDeadlines(loaded.data.deadlines, new Date(loaded.data.asOf)) : [];
  return (
    <Page
      title={t('tips.title')}
      actions={
        <Link class="button" href="/console/tips/new">
          {t('nav.newTip')}
        </Link>
      }
    >
      <ErrorBox error={loaded.error} />
      {loaded.loading ? <Loading /> : null}
      {loaded.data ? (
        <Table
          caption={t('tips.title')}
          head={[t('app.id'), t('app.jurisdiction'), t('app.assignee'), t('tips.next'), t('tips.overdue')]}
          empty={lines.length === 0}
          emptyText={t('tips.empty')}
        >
          {lines.slice(0, MAX_LINES).map((line) => (
            <tr key={line.caseId}>
              <td>
                <Link href={`/console/tips/${encodeURIComponent(line.caseId)}`}>{line.caseId}</Link>
              </td>
              <td>{line.jurisdiction}</td>
              <td>{line.assigneeId ?? '—'}</td>
              <td>
                {line.next ? `${tv('deadlineName', deadlineNameKey(line.next.deadline))}: ${formatDateTime(lang, line.next.dueAt)}` : '—'}
              </td>
              <td>{line.overdue > 0 ? <Badge tone="bad">{line.overdue}</Badge> : '0'}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {lines.length > MAX_LINES ? <p class="muted">{t('app.showing', { shown: MAX_LINES, total: lines.length })}</p> : null}
    </Page>
  );
}

export function NewTip() {
  const { t, tv, api, session } = useApp();
  const [jurisdiction, setJurisdiction] = useState(() => defaultUnit(session?.grants ?? [], ['police_officer', 'police_supervisor']));
  const scope = defaultUnit(session?.grants ?? [], ['police_officer', 'police_supervisor']);
  const [channel, setChannel] = useState<string>('hotline');
  const [kind, setKind] = useState<string>('report');
  const [allegation, setAllegation] = useState('');
  const [anonymous, setAnonymous] = useState(true);
  const [reporterName, setReporterName] = useState('');
  const [reporterContact, setReporterContact] = useState('');
  const [sourceAgency, setSourceAgency] = useState('');
  return (
    <Page title={t('tips.new.title')}>
      <CommandForm
        submitLabel={t('app.save')}
        run={() =>
          api.command<{ id: string }>('/tips', {
            jurisdiction,
            channel,
            kind,
            allegation,
            anonymous,
            ...(anonymous ? {} : { reporter: { name: reporterName, ...(reporterContact ? { contact: reporterContact } : {}) } }),
            ...(channel === 'transferred_from_agency' ? { sourceAgency } : {}),
          })
        }
        done={(result) => navigate(`/console/tips/${encodeURIComponent((result as { data: { id: string } }).data.id)}`)}
      >
        <div class="grid">
          <UnitSelect label={t('app.jurisdiction')} scope={scope} value={jurisdiction} onChange={setJurisdiction} />
          <SelectField
            label={t('tips.channel')}
            name="channel"
            value={channel}
            onChange={setChannel}
            options={TIP_CHANNELS.map((c) => ({ value: c, label: tv('channel', c) }))}
            required
          />
          <SelectField
            label={t('tips.kind')}
            name="kind"
            value={kind}
            onChange={setKind}
            options={TIP_KINDS.map((k) => ({ value: k, label: tv('tipKind', k) }))}
            required
          />
        </div>
        {channel === 'transferred_from_agency' ? (
          <TextField label={t('tips.sourceAgency')} name="sourceAgency" value={sourceAgency} onInput={setSourceAgency} required />
        ) : null}
        <TextArea label={t('tips.allegation')} name="allegation" value={allegation} onInput={setAllegation} required rows={4} />
        <CheckboxField label={t('tips.anonymous')} name="anonymous" checked={anonymous} onChange={setAnonymous} />
        {anonymous ? null : (
          <div class="grid">
            <TextField label={t('tips.reporterName')} name="reporterName" value={reporterName} onInput={setReporterName} required />
            <TextField
              label={`${t('tips.reporterContact')} ${t('app.optional')}`}
              name="reporterContact"
              value={reporterContact}
              onInput={setReporterContact}
            />
          </div>
        )}
      </CommandForm>
    </Page>
  );
}

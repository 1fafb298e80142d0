import { useEffect, useState } from 'preact/hooks';
import type { AreaProps } from '../../app.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDateTime, formatNumber } from '../../i18n/i18n.js';
import { match, navigate, queryParam } from '../../router.js';
import {
  Badge,
  CommandForm,
  NotFound,
  ErrorBox,
  Facts,
  Loading,
  Page,
  Section,
  SelectField,
  Table,
  TextField,
} from '../../ui/components.js';

const CASE_KINDS = ['tip', 'establishment', 'inspection', 'hotspot', 'penalty_case', 'support_case'] as const;

interface ReplayedEvent {
  revision: number;
  type: string;
  recordedAt: string;
  actorId: string;
  role: string;
  purpose: string;
  fieldsChanged: string[];
  hash: string;
  chainOk: boolean;
}
interface Replay {
  streamId: string;
  events: ReplayedEvent[];
  chain: { ok: boolean; firstBreak: { revision: number; reason: string } | null };
}
interface AsOf {
  at: string;
  revision: number;
  currentRevision: number;
  state: unknown;
  redactedFields: string[];
}

function TimelineChooser() {
  const { t, tv } = useApp();
  const [kind, setKind] = useState<string>('tip');
  const [id, setId] = useState('');
  return (
    <Page title={t('audit.title')}>
      <CommandForm
        name={t('audit.title')}
        submitLabel={t('app.open')}
        run={async () => navigate(`/console/audit/${kind}/${encodeURIComponent(id.trim())}`)}
      >
        <div class="inline">
          <SelectField
            label={t('audit.kind')}
            name="kind"
            value={kind}
            onChange={setKind}
            options={CASE_KINDS.map((k) => ({ value: k, label: tv('kind', k) }))}
          />
          <TextField label={t('app.id')} name="caseId" value={id} onInput={setId} required />
        </div>
      </CommandForm>
    </Page>
  );
}

/** Every event of the case with its hash link, and the case as it was known at the moment the slider points to. */
function Timeline(props: { kind: string; id: string }) {
  const { t, tv, lang, api } = useApp();
  const replay = useLoad(
    (a) => a.get<Replay>(`/audit/streams/${encodeURIComponent(`${props.kind}-${props.id}`)}/replay`).then((r) => r.data),
    [props.kind, props.id],
  );
  const events = replay.data?.events ?? [];
  const [position, setPosition] = useState<number | null>(null);
  const index = position ?? events.length - 1;
  const [asOf, setAsOf] = useState<{ view: AsOf | null; error: unknown }>({ view: null, error: null });
  useEffect(() => {
    const event = events[index];
    if (!event) return;
    let live = true;
    api.get<AsOf>(`/audit/cases/${props.kind}/${encodeURIComponent(props.id)}/as-of?at=${encodeURIComponent(event.recordedAt)}`).then(
      (r) => live && setAsOf({ view: r.data, error: null }),
      (error: unknown) => live && setAsOf({ view: null, error }),
    );
    return () => {
      live = false;
    };
  }, [index, events.length]);
  const current = events[index];
  return (
    <Page title={`${t('audit.title')}: ${tv('kind', props.kind)} ${props.id}`}>
      <ErrorBox error={replay.error} />
      {replay.loading ? <Loading /> : null}
      {replay.data ? (
        <>
          <p>
            <Badge tone={replay.data.chain.ok ? 'good' : 'bad'}>{replay.data.chain.ok ? t('audit.chainOk') : t('audit.chainBroken')}</Badge>
          </p>
          {events.length > 0 ? (
            <Section title={t('audit.asOf')}>
              <label for="as-of-slider">{t('audit.slider')}</label>
              <input
                id="as-of-slider"
                class="slider"
                type="range"
                min={0}
                max={events.length - 1}
                step={1}
                value={index}
                aria-valuetext={current ? `${current.type}, ${formatDateTime(lang, current.recordedAt)}` : undefined}
                onInput={(e) => setPosition(Number((e.currentTarget as HTMLInputElement).value))}
              />
              <p role="status" data-testid="as-of-position">
                {t('audit.revision', { n: index + 1, total: events.length })} ·{' '}
                {current ? `${current.type} · ${formatDateTime(lang, current.recordedAt)}` : ''}
              </p>
              <ErrorBox error={asOf.error} />
              {asOf.view ? (
                <>
                  <h3>{t('audit.state')}</h3>
                  <pre class="card" data-testid="as-of-state">
                    {JSON.stringify(asOf.view.state, null, 2)}
                  </pre>
                </>
              ) : null}
            </Section>
          ) : null}
          <Table
            caption={t('audit.title')}
            head={[t('audit.recordedAt'), t('audit.event'), t('audit.actor'), t('audit.role'), t('audit.fields'), t('audit.hash')]}
          >
            {events.map((e, i) => (
              <tr key={e.revision} aria-current={i === index ? 'true' : undefined}>
                <td>{formatDateTime(lang, e.recordedAt)}</td>
                <td>{e.type}</td>
                <td>{e.actorId}</td>
                <td>{tv('role', e.role)}</td>
                <td>{e.fieldsChanged.join(', ')}</td>
                <td>
                  <Badge tone={e.chainOk ? 'good' : 'bad'}>{e.chainOk ? t('audit.linkOk') : t('audit.linkBroken')}</Badge>{' '}
                  <code>{e.hash.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </Table>
        </>
      ) : null}
    </Page>
  );
}

interface Verification {
  ok: boolean;
  events: number;
  streams: number;
  seconds: number;
  finishedAt: string;
  firstBreak: { streamId: string; revision: number; reason: string } | null;
}

function ChainStatus() {
  const { t, lang, api } = useApp();
  const [result, setResult] = useState<Verification | null>(null);
  const checkpoints = useLoad(
    (a) =>
      a
        .get<{ checkpoints: Array<{ id: string; createdAt: string; streams: number; events: number; root: string }> }>(
          '/audit/checkpoints?limit=10',
        )
        .then((r) => r.data.checkpoints),
    [],
  );
  return (
    <Page title={t('audit.chainTitle')}>
      <CommandForm
        name={t('audit.verify')}
        submitLabel={t('audit.verify')}
        run={async () => setResult((await api.get<Verification>('/audit/verify')).data)}
      />
      {result ? (
        <Section title={t('audit.chainTitle')}>
          <p data-testid="chain-status">
            <Badge tone={result.ok ? 'good' : 'bad'}>{result.ok ? t('audit.chainOk') : t('audit.chainBroken')}</Badge>
          </p>
          <Facts
            items={[
              [t('audit.events'), formatNumber(lang, result.events)],
              [t('audit.streams'), formatNumber(lang, result.streams)],
              [t('audit.recordedAt'), formatDateTime(lang, result.finishedAt)],
              [
                t('audit.firstBreak'),
                result.firstBreak ? `${result.firstBreak.streamId} #${result.firstBreak.revision} (${result.firstBreak.reason})` : '—',
              ],
            ]}
          />
        </Section>
      ) : null}
      <Section title={t('audit.checkpoints')}>
        <ErrorBox error={checkpoints.error} />
        {checkpoints.data ? (
          <Table
            caption={t('audit.checkpoints')}
            head={[t('audit.recordedAt'), t('audit.streams'), t('audit.events'), 'Merkle root']}
            empty={checkpoints.data.length === 0}
            emptyText={t('audit.noEntries')}
          >
            {checkpoints.data.map((c) => (
              <tr key={c.id}>
                <td>{formatDateTime(lang, c.createdAt)}</td>
                <td>{c.streams}</td>
                <td>{c.events}</td>
                <td>
                  <code>{c.root.slice(0, 16)}…</code>
                </td>
              </tr>
            ))}
          </Table>
        ) : null}
      </Section>
    </Page>
  );
}

interface AccessEntry {
  eventId: string;
  recordedAt: string;
  type: string;
  actorId: string | null;
  role: string | null;
  action: string | null;
  purpose: string | null;
  resource: { kind: string | null; id: string | null; jurisdiction: string | null };
  decision: string | null;
  fieldsRevealed: string[];
}

function AccessLog(props: { resourceId: string | null }) {
  const { t, tv, lang } = useApp();
  const [filter, setFilter] = useState(props.resourceId ?? '');
  const query = props.resourceId ? `&resourceId=${encodeURIComponent(props.resourceId)}` : '';
  const loaded = useLoad((a) => a.get<{ entries: AccessEntry[] }>(`/access-log?limit=200${query}`).then((r) => r.data.entries), [query]);
  return (
    <Page title={t('audit.accessTitle')}>
      <CommandForm
        name={t('audit.accessFilter')}
        submitLabel={t('stats.show')}
        run={async () =>
          navigate(filter.trim() ? `/console/access-log?resourceId=${encodeURIComponent(filter.trim())}` : '/console/access-log')
        }
      >
        <TextField label={t('audit.accessFilter')} name="resourceId" value={filter} onInput={setFilter} />
      </CommandForm>
      <ErrorBox error={loaded.error} />
      {loaded.loading ? <Loading /> : null}
      {loaded.data ? (
        <Table
          caption={t('audit.accessTitle')}
          head={[t('audit.at'), t('audit.who'), t('audit.what'), t('audit.decision'), t('audit.purpose'), t('audit.fields')]}
          empty={loaded.data.length === 0}
          emptyText={t('audit.noEntries')}
        >
          {loaded.data.map((e) => (
            <tr key={e.eventId}>
              <td>{formatDateTime(lang, e.recordedAt)}</td>
              <td>
                {e.actorId ?? '—'} <span class="muted">{e.role ? tv('role', e.role) : ''}</span>
              </td>
              <td>
                {e.resource.kind ? tv('kind', e.resource.kind) : e.type} <code>{e.resource.id ?? ''}</code> {e.action ?? ''}
              </td>
              <td>
                {e.decision ? (
                  <Badge tone={e.decision === 'allow' ? 'good' : 'bad'}>
                    {e.decision === 'allow' ? t('audit.allow') : t('audit.deny')}
                  </Badge>
                ) : (
                  '—'
                )}
              </td>
              <td>{e.purpose ?? '—'}</td>
              <td>{e.fieldsRevealed.join(', ')}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Page>
  );
}

/** Auditors and the data-protection officer: history, access and the log's integrity. */
export default function AuditArea({ path }: AreaProps) {
  if (match('/console/audit', path)) return <TimelineChooser />;
  if (match('/console/audit/chain', path)) return <ChainStatus />;
  const one = match('/console/audit/:kind/:id', path);
  if (one) return <Timeline kind={one.kind!} id={one.id!} />;
  if (match('/console/access-log', path)) return <AccessLog resourceId={queryParam(path, 'resourceId')} />;
  return <NotFound />;
}

import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import {
  ADMINISTRATIVE_ACTS,
  PROSECUTION_RESOLUTIONS,
  TIP_CATEGORIES,
  TIP_OUTCOMES,
  type TipState,
} from '../../../../../libs/tips/src/domain/tip-types.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDate, formatDateTime } from '../../i18n/i18n.js';
import { rolesOf } from '../../session.js';
import {
  Badge,
  CheckboxField,
  CommandForm,
  ErrorBox,
  Facts,
  FieldValue,
  Loading,
  Page,
  Section,
  SelectField,
  Table,
  TextField,
  today,
  type Tone,
} from '../../ui/components.js';
import { deadlineNameKey } from './deadline-groups.js';

type TipView = Omit<TipState, 'id' | 'reporter'> & {
  id: string;
  reporter: { name: unknown; contact: unknown } | null;
  deadlines: Array<{ name: string; rule: string; dueAt: string; completedAt: string | null; status: string }>;
};

const CLASSIFIABLE = ['received', 'classified', 'assigned', 'verifying', 'extended', 'resumed'];
const ASSIGNABLE = ['classified', 'assigned', 'verifying', 'extended', 'suspended', 'resumed'];
const CLOSABLE = ['verifying', 'extended', 'resumed'];
const OPEN = ['received', 'classified', 'assigned', 'verifying', 'extended', 'suspended', 'resumed', 'closed'];

const DEADLINE_TONE: Record<string, Tone> = { met: 'good', overdue: 'bad', pending: 'warn', not_applicable: 'neutral' };

/** One tip: what it says (as the role may see it), its legal deadlines, and the next steps its status allows. */
export function TipDetail(props: { id: string }) {
  const { t, tv, lang, api, session } = useApp();
  const loaded = useLoad((a) => a.get<TipView>(`/tips/${encodeURIComponent(props.id)}`), [props.id]);
  const [category, setCategory] = useState<string>(TIP_CATEGORIES[0]);
  const [assignee, setAssignee] = useState(session?.userId ?? '');
  const [outcome, setOutcome] = useState<string>('not_substantiated');
  const [act, setAct] = useState<string>(ADMINISTRATIVE_ACTS[0]);
  const [procuracy, setProcuracy] = useState('');
  const [fileProcuracy, setFileProcuracy] = useState('');
  const [sentOn, setSentOn] = useState(today());
  const [fileRef, setFileRef] = useState('');
  const [resolvedOn, setResolvedOn] = useState(today());
  const [resolution, setResolution] = useState<string>(PROSECUTION_RESOLUTIONS[0]);
  const [lawful, setLawful] = useState(true);
  const tip = loaded.data?.data;
  const revision = loaded.data?.revision ?? null;
  const path = (step: string) => `/tips/${encodeURIComponent(props.id)}/${step}`;
  const supervisor = rolesOf(session).includes('police_supervisor');
  const status = tip?.status ?? 'none';
  const criminalCase = status === 'closed' && tip?.closure?.outcome === 'criminal_case_opened';
  const file = tip?.prosecutionFile ?? null;
  const forms = tip
    ? [
        CLASSIFIABLE.includes(status) && (
          <CommandForm
            key="classify"
            name={t('tips.classify')}
            submitLabel={t('tips.classify')}
            run={() => api.command(path('classify'), { category }, revision)}
            done={loaded.reload}
          >
            <SelectField
              label={t('tips.category')}
              name="category"
              value={category}
              onChange={setCategory}
              options={TIP_CATEGORIES.map((c) => ({ value: c, label: tv('category', c) }))}
            />
          </CommandForm>
        ),
        supervisor && ASSIGNABLE.includes(status) && (
          <CommandForm
            key="assign"
            name={t('tips.assign')}
            submitLabel={t('tips.assign')}
            run={() => api.command(path('assign'), { assigneeId: assignee.trim() }, revision)}
            done={loaded.reload}
          >
            <TextField label={t('tips.assigneeId')} name="assigneeId" value={assignee} onInput={setAssignee} required />
          </CommandForm>
        ),
        status === 'assigned' && (
          <CommandForm
            key="verify"
            name={t('tips.startVerification')}
            submitLabel={t('tips.startVerification')}
            run={() => api.command(path('start-verification'), {}, revision)}
            done={loaded.reload}
          />
        ),
        OPEN.includes(status) && !tip.procuracyNotifiedAt && (
          <CommandForm
            key="procuracy"
            name={t('tips.notifyProcuracy')}
            submitLabel={t('tips.notifyProcuracy')}
            run={() => api.command(path('notify-procuracy'), { procuracy }, revision)}
            done={loaded.reload}
          >
            <TextField label={t('tips.procuracy')} name="procuracy" value={procuracy} onInput={setProcuracy} required />
          </CommandForm>
        ),
        CLOSABLE.includes(status) && (
          <CommandForm
            key="close"
            name={t('tips.close')}
            submitLabel={t('tips.close')}
            run={() =>
              api.command(
                path('close'),
                { outcome, ...(outcome === 'passed_to_administrative_handling' ? { suggestedAct: act } : {}) },
                revision,
              )
            }
            done={loaded.reload}
          >
            <SelectField
              label={t('tips.outcome')}
              name="outcome"
              value={outcome}
              onChange={setOutcome}
              options={TIP_OUTCOMES.map((o) => ({ value: o, label: tv('outcome', o) }))}
            />
            {outcome === 'passed_to_administrative_handling' ? (
              <SelectField
                label={t('tips.suggestedAct')}
                name="suggestedAct"
                value={act}
                onChange={setAct}
                options={ADMINISTRATIVE_ACTS.map((a) => ({ value: a, label: a }))}
              />
            ) : null}
          </CommandForm>
        ),
        criminalCase && !file && (
          <CommandForm
            key="prosecution-file"
            name={t('tips.sendProsecutionFile')}
            submitLabel={t('tips.sendProsecutionFile')}
            run={() =>
              api.command(
                path('prosecution-file'),
                { sentOn, procuracy: fileProcuracy, ...(fileRef.trim() ? { fileRef: fileRef.trim() } : {}) },
                revision,
              )
            }
            done={loaded.reload}
          >
            <TextField label={t('tips.sentOn')} name="sentOn" type="date" value={sentOn} max={today()} onInput={setSentOn} required />
            <TextField label={t('tips.fileProcuracy')} name="procuracy" value={fileProcuracy} onInput={setFileProcuracy} required />
            <TextField label={t('tips.fileRef')} name="fileRef" value={fileRef} onInput={setFileRef} />
          </CommandForm>
        ),
        criminalCase && file && file.resolvedOn === null && (
          <CommandForm
            key="prosecution-outcome"
            name={t('tips.recordProsecutionOutcome')}
            submitLabel={t('tips.recordProsecutionOutcome')}
            run={() => api.command(path('prosecution-outcome'), { resolvedOn, resolution, lawful }, revision)}
            done={loaded.reload}
          >
            <TextField
              label={t('tips.resolvedOn')}
              name="resolvedOn"
              type="date"
              value={resolvedOn}
              max={today()}
              onInput={setResolvedOn}
              required
            />
            <SelectField
              label={t('tips.resolution')}
              name="resolution"
              value={resolution}
              onChange={setResolution}
              options={PROSECUTION_RESOLUTIONS.map((r) => ({ value: r, label: tv('prosecution', r) }))}
            />
            <CheckboxField label={t('tips.lawful')} name="lawful" checked={lawful} onChange={setLawful} />
          </CommandForm>
        ),
      ].filter(Boolean)
    : [];
  return (
    <Page title={t('tips.detail', { id: props.id })}>
      <ErrorBox error={loaded.error} />
      {loaded.loading && !tip ? <Loading /> : null}
      {tip ? (
        <>
          <Section title={t('app.status')}>
            <Facts
              items={[
                [t('app.status'), <Badge tone={status === 'closed' ? 'good' : 'neutral'}>{tv('tipStatus', status)}</Badge>],
                [t('app.jurisdiction'), tip.jurisdiction],
                [t('tips.kind'), tv('tipKind', tip.kind)],
                [t('tips.channel'), tv('channel', tip.channel)],
                [t('tips.receivedAt'), formatDateTime(lang, tip.receivedAt)],
                [t('tips.category'), tip.category ? tv('category', tip.category) : '—'],
                [t('app.assignee'), tip.assigneeId ?? '—'],
                [t('tips.outcome'), tip.closure ? tv('outcome', tip.closure.outcome) : '—'],
                ...(file
                  ? ([
                      [
                        t('tips.prosecutionFile'),
                        <>
                          {formatDate(lang, file.sentOn)} · <FieldValue value={file.procuracy} />
                        </>,
                      ],
                      [
                        t('tips.resolution'),
                        file.resolution
                          ? `${formatDate(lang, file.resolvedOn)} · ${tv('prosecution', file.resolution)}`
                          : t('tips.awaitingDecision'),
                      ],
                      ...(file.lawful === null ? [] : [[t('tips.lawful'), file.lawful ? t('app.yes') : t('app.no')]]),
                    ] as Array<[string, ComponentChildren]>)
                  : []),
              ]}
            />
            {tip.escalated ? <p class="notice">{t('tips.escalated')}</p> : null}
            <Facts
              items={[
                [t('tips.allegation'), <FieldValue value={tip.allegation} />],
                [t('tips.reporter'), tip.anonymous ? t('tips.anonymous') : <FieldValue value={tip.reporter?.name} />],
              ]}
            />
          </Section>
          <Section title={t('tips.deadlines')}>
            <Table caption={t('tips.deadlines')} head={[t('deadlines.what'), t('deadlines.dueOn'), t('app.status')]}>
              {tip.deadlines.map((d) => (
                <tr key={d.name}>
                  <td>{tv('deadlineName', deadlineNameKey(d.name))}</td>
                  <td>{formatDateTime(lang, d.dueAt)}</td>
                  <td>
                    <Badge tone={DEADLINE_TONE[d.status] ?? 'neutral'}>{tv('deadline.status', d.status)}</Badge>
                  </td>
                </tr>
              ))}
            </Table>
          </Section>
          <Section title={t('tips.actions')}>
            {forms.length > 0 ? <div class="actions">{forms}</div> : <p class="muted">{t('tips.noActions')}</p>}
          </Section>
        </>
      ) : null}
    </Page>
  );
}

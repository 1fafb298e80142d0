import { useState } from 'preact/hooks';
import type { PenaltyReference } from '../../../../../libs/penalties/src/domain/penalty-reference.js';
import type { PenaltyState } from '../../../../../libs/penalties/src/domain/penalty-types.js';
import type { AreaProps } from '../../app.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDate, formatDateTime, formatMoney } from '../../i18n/i18n.js';
import { Link, match } from '../../router.js';
import {
  Badge,
  CommandForm,
  NotFound,
  ErrorBox,
  Facts,
  FieldValue,
  Loading,
  Page,
  Section,
  SelectField,
  Table,
  TextField,
  type Tone,
} from '../../ui/components.js';
import { casesFromDeadlines, deadlineNameKey, loadCurrentDeadlines } from '../enforcement/deadline-groups.js';
import { decisionPreview, sanctionProblem } from './decision-preview.js';

type DeadlineView = { dueOn: string | null; status: string };
type PenaltyView = PenaltyState & {
  id: string;
  deadlines: {
    limitation: DeadlineView;
    explanation: DeadlineView;
    decision: DeadlineView;
    delivery: DeadlineView;
    complaint: DeadlineView;
  };
  /** The position the signed-in identity holds over this case and its limit (from the token, never chosen here); null: cannot decide it. */
  yourCompetence: { position: string; titleVi: string; titleEn: string; limit: number } | null;
};

const MAX_LINES = 200;
const TONE: Record<string, Tone> = { met: 'good', open: 'warn', missed: 'bad', closed: 'neutral', not_applicable: 'neutral' };

function PenaltyList() {
  const { t, tv, lang } = useApp();
  const loaded = useLoad((api) => loadCurrentDeadlines(api, 'penalty_case'), []);
  const lines = loaded.data ? casesFromDeadlines(loaded.data.deadlines, new Date(loaded.data.asOf)) : [];
  return (
    <Page title={t('penalty.list')}>
      <ErrorBox error={loaded.error} />
      {loaded.loading ? <Loading /> : null}
      {loaded.data ? (
        <Table
          caption={t('penalty.list')}
          head={[t('app.id'), t('app.jurisdiction'), t('tips.next'), t('tips.overdue')]}
          empty={lines.length === 0}
          emptyText={t('deadlines.empty')}
        >
          {lines.slice(0, MAX_LINES).map((line) => (
            <tr key={line.caseId}>
              <td>
                <Link href={`/console/penalty-cases/${encodeURIComponent(line.caseId)}`}>{line.caseId}</Link>
              </td>
              <td>{line.jurisdiction}</td>
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

let referenceCache: Promise<PenaltyReference> | null = null;

function PenaltyCase(props: { id: string }) {
  const { t, tv, lang, api } = useApp();
  const loaded = useLoad(
    async (a) => {
      referenceCache ??= a.get<PenaltyReference>('/penalty-cases/reference-tables').then((r) => r.data);
      const [view, reference] = await Promise.all([
        a.get<PenaltyView>(`/penalty-cases/${encodeURIComponent(props.id)}`),
        referenceCache.catch((e) => ((referenceCache = null), Promise.reject(e))),
      ]);
      return { view, reference };
    },
    [props.id],
  );
  const [decisionNumber, setDecisionNumber] = useState('');
  const [sanctions, setSanctions] = useState<Record<string, { sanction: 'fine' | 'warning'; amount: string }>>({});
  const c = loaded.data?.view.data;
  const reference = loaded.data?.reference;
  // The position comes from the identity (the API computes it from the token's grants); before a decision, the caller's own.
  const applied = c?.decision ? (c.decision.position ?? null) : (c?.yourCompetence?.position ?? null);
  const preview = reference && c ? decisionPreview(reference, c, applied) : null;
  const appliedLimit = c?.decision?.competenceLimit ?? (c?.decision ? preview?.competence?.limit : c?.yourCompetence?.limit) ?? null;
  const title = (e: { titleVi: string; titleEn: string }) => (lang === 'vi' ? e.titleVi : e.titleEn);
  const sanctionOf = (subjectId: string) =>
    sanctions[subjectId] ?? { sanction: 'fine' as const, amount: preview ? String(preview.bracket.min) : '' };
  return (
    <Page title={t('penalty.title', { id: props.id })}>
      <ErrorBox error={loaded.error} />
      {loaded.loading && !c ? <Loading /> : null}
      {c ? (
        <>
          <Section title={t('app.status')}>
            <Facts
              items={[
                [t('app.status'), <Badge>{tv('penaltyStatus', c.status)}</Badge>],
                [t('app.jurisdiction'), c.jurisdiction],
                [t('penalty.violationDate'), formatDate(lang, c.violationDate)],
                [t('penalty.recordedOn'), formatDate(lang, c.recordedOn)],
              ]}
            />
          </Section>
          {preview ? (
            <Section title={t('penalty.beforeDecision')} id="before-decision">
              <Facts
                items={[
                  [t('penalty.act'), `${preview.act.code}: ${title(preview.act)}`],
                  [t('penalty.source'), lang === 'vi' ? preview.table.sourceVi : preview.table.sourceEn],
                  [
                    t('penalty.offender'),
                    `${tv('penalty.offender', c.offenderType)}${c.multiplePeopleAtOnce ? ` · ${t('penalty.multiple')}` : ''}`,
                  ],
                  [
                    t('penalty.range'),
                    <strong data-testid="fine-range">{`${formatMoney(lang, preview.bracket.min)} – ${formatMoney(lang, preview.bracket.max)}`}</strong>,
                  ],
                  [t('penalty.warningAllowed'), preview.bracket.warningAllowed ? t('app.yes') : t('app.no')],
                  [
                    c.decision ? t('penalty.positionApplied') : t('penalty.yourPosition'),
                    <span data-testid="position">{preview.competence ? title(preview.competence.entry) : t('penalty.noPosition')}</span>,
                  ],
                  [
                    t('penalty.competence'),
                    preview.competence && appliedLimit !== null ? (
                      <span data-testid="competence">
                        {formatMoney(lang, appliedLimit)}{' '}
                        <Badge tone={preview.bracket.max <= appliedLimit ? 'good' : 'bad'}>
                          {preview.bracket.max <= appliedLimit ? t('penalty.withinCompetence') : t('penalty.beyondCompetence')}
                        </Badge>
                      </span>
                    ) : (
                      '—'
                    ),
                  ],
                ]}
              />
            </Section>
          ) : null}
          <Section title={t('penalty.people')}>
            <ul>
              {c.people.map((p) => (
                <li key={p.subjectId}>
                  <FieldValue value={p.fullName} /> <span class="muted">({p.subjectId})</span>
                </li>
              ))}
            </ul>
          </Section>
          {c.decision ? (
            <Section title={t('penalty.decide')}>
              <p>
                <Badge tone="good">
                  {t('penalty.decided', { number: c.decision.decisionNumber, date: formatDate(lang, c.decision.decidedOn) })}
                </Badge>{' '}
                {formatMoney(lang, c.decision.fineTotal)}
              </p>
            </Section>
          ) : c.status === 'recorded' && preview && c.yourCompetence ? (
            <Section title={t('penalty.decide')}>
              <CommandForm
                name={t('penalty.decide')}
                submitLabel={t('penalty.decide')}
                run={() =>
                  api.command(
                    `/penalty-cases/${encodeURIComponent(props.id)}/decide`,
                    {
                      decisionNumber,
                      sanctions: c.people.map((p) => {
                        const s = sanctionOf(p.subjectId);
                        return s.sanction === 'fine'
                          ? { subjectId: p.subjectId, sanction: 'fine', amount: Number(s.amount) }
                          : { subjectId: p.subjectId, sanction: 'warning' };
                      }),
                      additionalMeasures: [],
                    },
                    loaded.data?.view.revision,
                  )
                }
                done={loaded.reload}
              >
                <TextField
                  label={t('penalty.decisionNumber')}
                  name="decisionNumber"
                  value={decisionNumber}
                  onInput={setDecisionNumber}
                  required
                />
                {c.people.map((p) => {
                  const s = sanctionOf(p.subjectId);
                  const problem = sanctionProblem(preview.bracket, s.sanction, s.amount === '' ? null : Number(s.amount));
                  const set = (next: Partial<typeof s>) => setSanctions({ ...sanctions, [p.subjectId]: { ...s, ...next } });
                  return (
                    <fieldset key={p.subjectId}>
                      <legend>{p.subjectId}</legend>
                      <SelectField
                        label={t('penalty.sanction')}
                        value={s.sanction}
                        onChange={(v) => set({ sanction: v as 'fine' | 'warning' })}
                        options={[
                          { value: 'fine', label: t('penalty.sanction.fine') },
                          ...(preview.bracket.warningAllowed ? [{ value: 'warning', label: t('penalty.sanction.warning') }] : []),
                        ]}
                      />
                      {s.sanction === 'fine' ? (
                        <TextField
                          label={t('penalty.amount')}
                          type="number"
                          value={s.amount}
                          onInput={(v) => set({ amount: v })}
                          min={preview.bracket.min}
                          max={preview.bracket.max}
                          required
                        />
                      ) : null}
                      {problem ? <p class="error">{t('penalty.amountOutOfRange')}</p> : null}
                    </fieldset>
                  );
                })}
              </CommandForm>
            </Section>
          ) : null}
          <Section title={t('penalty.deadlines')}>
            <Table caption={t('penalty.deadlines')} head={[t('deadlines.what'), t('deadlines.dueOn'), t('app.status')]}>
              {(['limitation', 'explanation', 'decision', 'delivery', 'complaint'] as const).map((name) => (
                <tr key={name}>
                  <td>{t(`penalty.deadline.${name}`)}</td>
                  <td>{formatDate(lang, c.deadlines[name].dueOn)}</td>
                  <td>
                    <Badge tone={TONE[c.deadlines[name].status] ?? 'neutral'}>{tv('deadline.status', c.deadlines[name].status)}</Badge>
                  </td>
                </tr>
              ))}
            </Table>
          </Section>
        </>
      ) : null}
    </Page>
  );
}

/** Sanctioning officials (and police reading a dossier's penalty cases). */
export default function PenaltiesArea({ path }: AreaProps) {
  if (match('/console/penalty-cases', path)) return <PenaltyList />;
  const one = match('/console/penalty-cases/:id', path);
  return one ? <PenaltyCase id={one.id!} /> : <NotFound />;
}

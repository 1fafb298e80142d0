import { useState } from 'preact/hooks';
import type { EstablishmentState } from '../../../../../libs/establishments/src/domain/establishment.js';
import type { InspectionState } from '../../../../../libs/inspections/src/domain/inspection.js';
import { ApiError, type Api } from '../../api.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDate } from '../../i18n/i18n.js';
import { Link, navigate } from '../../router.js';
import { Badge, CommandForm, ErrorBox, Facts, FieldValue, Loading, Page, Section, Table, TextField } from '../../ui/components.js';

const RECENT = 'pcm.recentDossiers';

function recentDossiers(): string[] {
  try {
    return (JSON.parse(window.localStorage.getItem(RECENT) ?? '[]') as string[]).slice(0, 10);
  } catch {
    return [];
  }
}

function remember(id: string): void {
  window.localStorage.setItem(RECENT, JSON.stringify([id, ...recentDossiers().filter((x) => x !== id)].slice(0, 10)));
}

/** The establishments the caller may list (GET /cases: public fields only), searched by type or area words; or a dossier opened by its id. */
export function DossierOpen() {
  const { t } = useApp();
  const [id, setId] = useState('');
  const recent = recentDossiers();
  return (
    <Page title={t('dossier.title')}>
      <CommandForm
        name={t('dossier.open')}
        submitLabel={t('app.open')}
        run={async () => navigate(`/console/establishments/${encodeURIComponent(id.trim())}`)}
      >
        <TextField label={t('dossier.id')} name="establishmentId" value={id} onInput={setId} required />
      </CommandForm>
      <EstablishmentList />
      {recent.length > 0 ? (
        <Section title={t('dossier.recent')}>
          <ul>
            {recent.map((r) => (
              <li key={r}>
                <Link href={`/console/establishments/${encodeURIComponent(r)}`}>{r}</Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </Page>
  );
}

type Linked<T> = { id: string; view: T | null; error: unknown };

async function each<T>(api: Api, base: string, ids: readonly string[]): Promise<Array<Linked<T>>> {
  return Promise.all(
    ids.map((id) =>
      api.get<T>(`${base}/${encodeURIComponent(id)}`).then(
        (a) => ({ id, view: a.data, error: null }),
        (error: unknown) => ({ id, view: null, error }),
      ),
    ),
  );
}

interface PenaltySummary {
  status: string;
  act: string | null;
  decision: { decisionNumber: string; decidedOn: string; fineTotal: number } | null;
}

/** An establishment with its inspections and penalty cases, each read through the API as the role may see it. */
export function Dossier(props: { id: string }) {
  const { t, tv, lang } = useApp();
  const loaded = useLoad(
    async (api) => {
      const establishment = (await api.get<EstablishmentState & { id: string }>(`/establishments/${encodeURIComponent(props.id)}`)).data;
      remember(props.id);
      const [inspections, penalties] = await Promise.all([
        each<InspectionState>(api, '/inspections', establishment.inspectionIds),
        each<PenaltySummary>(api, '/penalty-cases', establishment.penaltyCaseIds),
      ]);
      return { establishment, inspections, penalties };
    },
    [props.id],
  );
  const d = loaded.data;
  const denied = (error: unknown) => (
    <Badge tone="warn">
      {error instanceof ApiError && (error.status === 403 || error.status === 404) ? t('app.redacted') : t('error.title')}
    </Badge>
  );
  return (
    <Page title={d?.establishment.businessName ? `${t('dossier.title')}: ${d.establishment.businessName}` : t('dossier.title')}>
      <ErrorBox error={loaded.error} />
      {loaded.loading && !d ? <Loading /> : null}
      {d ? (
        <>
          <Section title={t('kind.establishment')}>
            <Facts
              items={[
                [t('dossier.id'), <code>{props.id}</code>],
                [t('app.status'), tv('establishmentStatus', d.establishment.status)],
                [t('dossier.name'), <FieldValue value={d.establishment.businessName} />],
                [t('dossier.type'), d.establishment.establishmentType ?? '—'],
                [t('dossier.address'), <FieldValue value={d.establishment.address} />],
                [t('app.jurisdiction'), d.establishment.commune],
                [t('dossier.licence'), <FieldValue value={d.establishment.businessLicenceNumber} />],
                [t('dossier.permit'), <FieldValue value={d.establishment.securityPermitNumber} />],
                [t('dossier.owner'), <FieldValue value={d.establishment.ownerName} />],
                [t('dossier.risk'), d.establishment.risk ? d.establishment.risk.riskClass : '—'],
                [t('dossier.commitments'), String(d.establishment.commitments.length)],
              ]}
            />
          </Section>
          <Section title={t('dossier.inspections')}>
            <Table
              caption={t('dossier.inspections')}
              head={[t('app.id'), t('app.status'), t('dossier.conducted'), t('dossier.findings')]}
              empty={d.inspections.length === 0}
              emptyText={t('dossier.noInspections')}
            >
              {d.inspections.map((i) => (
                <tr key={i.id}>
                  <td>
                    <code>{i.id}</code>
                  </td>
                  <td>{i.view ? i.view.status : denied(i.error)}</td>
                  <td>{i.view ? formatDate(lang, i.view.conductedOn ?? i.view.plannedDate) : '—'}</td>
                  <td>
                    {i.view ? (
                      <FieldValue value={i.view.violationDescription ?? (i.view.findings ? JSON.stringify(i.view.findings) : null)} />
                    ) : (
                      '—'
                    )}
                  </td>
                </tr>
              ))}
            </Table>
          </Section>
          <Section title={t('dossier.penalties')}>
            <Table
              caption={t('dossier.penalties')}
              head={[t('app.id'), t('app.status'), t('penalty.act'), t('penalty.decisionNumber')]}
              empty={d.penalties.length === 0}
              emptyText={t('dossier.noPenalties')}
            >
              {d.penalties.map((p) => (
                <tr key={p.id}>
                  <td>{p.view ? <Link href={`/console/penalty-cases/${encodeURIComponent(p.id)}`}>{p.id}</Link> : <code>{p.id}</code>}</td>
                  <td>{p.view ? tv('penaltyStatus', p.view.status) : denied(p.error)}</td>
                  <td>{p.view?.act ?? '—'}</td>
                  <td>{p.view?.decision ? `${p.view.decision.decisionNumber} (${formatDate(lang, p.view.decision.decidedOn)})` : '—'}</td>
                </tr>
              ))}
            </Table>
          </Section>
        </>
      ) : null}
    </Page>
  );
}

interface CaseListAnswer {
  fresh: boolean;
  cases: Array<{
    kind: string;
    caseId: string;
    jurisdiction: string;
    status: string;
    openedOn: string;
    lastEventAt: string;
    label: string;
  }>;
  next: string | null;
}

/** Establishments in the caller's units, latest activity first; the search runs on the public label (type, codes) with or without diacritics. */
function EstablishmentList() {
  const { t, tv, lang } = useApp();
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const loaded = useLoad(
    (api) =>
      api.get<CaseListAnswer>(`/cases?kind=establishment&limit=50${query ? `&q=${encodeURIComponent(query)}` : ''}`).then((r) => r.data),
    [query],
  );
  return (
    <Section title={t('dossier.list')}>
      <CommandForm name={t('dossier.search')} submitLabel={t('dossier.searchButton')} run={async () => setQuery(text.trim())}>
        <TextField label={t('dossier.searchText')} name="q" value={text} onInput={setText} />
      </CommandForm>
      {loaded.loading ? <Loading /> : null}
      {loaded.error ? <ErrorBox error={loaded.error} /> : null}
      {loaded.data ? (
        <Table
          caption={t('dossier.list')}
          head={[t('dossier.id'), t('dossier.type'), t('dossier.unit'), t('dossier.status'), t('dossier.lastActivity')]}
          empty={loaded.data.cases.length === 0}
          emptyText={t('dossier.noneFound')}
        >
          {loaded.data.cases.map((c) => (
            <tr key={c.caseId}>
              <td>
                <Link href={`/console/establishments/${encodeURIComponent(c.caseId)}`}>{c.caseId}</Link>
              </td>
              <td>{c.label}</td>
              <td>{c.jurisdiction}</td>
              <td>{tv('establishmentStatus', c.status)}</td>
              <td>{formatDate(lang, c.lastEventAt)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      {loaded.data?.next ? <p class="muted">{t('dossier.more')}</p> : null}
    </Section>
  );
}

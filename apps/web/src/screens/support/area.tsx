import { useState } from 'preact/hooks';
import {
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  FIRST_CONTACT_CHANNELS,
  type SupportCaseState,
} from '../../../../../libs/support/src/domain/support-case-types.js';
import type { AreaProps } from '../../app.js';
import { useApp, useLoad } from '../../app-context.js';
import { formatDate } from '../../i18n/i18n.js';
import { Link, match, navigate } from '../../router.js';
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
  today,
  type Tone,
} from '../../ui/components.js';
import { defaultUnit, UnitSelect } from '../../ui/units.js';

type ConsentStatus = 'given' | 'withdrawn' | 'none';
interface ConsentSummary {
  case_management: ConsentStatus;
  follow_up_contact: ConsentStatus;
  deidentified_statistics: ConsentStatus;
  referral: Array<{ providerId: string; status: ConsentStatus }>;
}
interface SupportListEntry {
  id: string;
  jurisdiction: string;
  clientCode: string;
  status: string;
  contactedOn: string | null;
  consents: ConsentSummary;
  referrals: Array<{ referralId: string; providerId: string; status: string }>;
}
type SupportView = SupportCaseState & { id: string; consentSummary: ConsentSummary };

const CONSENT_TONE: Record<ConsentStatus, Tone> = { given: 'good', withdrawn: 'bad', none: 'neutral' };

function ConsentBadges(props: { summary: ConsentSummary }) {
  const { t, tv } = useApp();
  const purposes = ['case_management', 'follow_up_contact', 'deidentified_statistics'] as const;
  return (
    <ul class="legend" aria-label={t('support.consents')}>
      {purposes.map((p) => (
        <li key={p}>
          {tv('consent', p)}: <Badge tone={CONSENT_TONE[props.summary[p]]}>{tv('consent', props.summary[p])}</Badge>
        </li>
      ))}
      {props.summary.referral.map((r) => (
        <li key={r.providerId}>
          {tv('consent', 'referral')} ({r.providerId}): <Badge tone={CONSENT_TONE[r.status]}>{tv('consent', r.status)}</Badge>
        </li>
      ))}
    </ul>
  );
}

function SupportList() {
  const { t, tv, lang, api, session } = useApp();
  const loaded = useLoad((a) => a.get<{ entries: SupportListEntry[] }>('/support-cases').then((r) => r.data.entries), []);
  const scope = defaultUnit(session?.grants ?? [], ['social_worker', 'support_supervisor']);
  const [jurisdiction, setJurisdiction] = useState(scope);
  const [channel, setChannel] = useState<string>('outreach');
  const [contactedOn, setContactedOn] = useState(today());
  const [name, setName] = useState('');
  const [contact, setContact] = useState('');
  return (
    <Page title={t('support.title')}>
      <ErrorBox error={loaded.error} />
      {loaded.loading ? <Loading /> : null}
      {loaded.data ? (
        <Table
          caption={t('support.title')}
          head={[t('support.clientCode'), t('app.status'), t('support.contactedOn'), t('support.consents'), t('support.referrals')]}
          empty={loaded.data.length === 0}
          emptyText={t('support.empty')}
        >
          {loaded.data.map((c) => (
            <tr key={c.id}>
              <td>
                <Link href={`/console/support-cases/${encodeURIComponent(c.id)}`}>{c.clientCode}</Link>
              </td>
              <td>{tv('supportStatus', c.status)}</td>
              <td>{formatDate(lang, c.contactedOn)}</td>
              <td>
                <ConsentBadges summary={c.consents} />
              </td>
              <td>{c.referrals.length === 0 ? '—' : c.referrals.map((r) => tv('referral', r.status)).join(', ')}</td>
            </tr>
          ))}
        </Table>
      ) : null}
      <Section title={t('support.open')}>
        <CommandForm
          name={t('support.open')}
          submitLabel={t('support.open')}
          run={() =>
            api.command<{ id: string }>('/support-cases', {
              jurisdiction,
              channel,
              contactedOn,
              serviceUser: { ...(name ? { name } : {}), ...(contact ? { contact } : {}) },
            })
          }
          done={(result) => navigate(`/console/support-cases/${encodeURIComponent((result as { data: { id: string } }).data.id)}`)}
        >
          <div class="grid">
            <UnitSelect label={t('app.jurisdiction')} scope={scope} value={jurisdiction} onChange={setJurisdiction} />
            <SelectField
              label={t('support.channel')}
              name="channel"
              value={channel}
              onChange={setChannel}
              options={FIRST_CONTACT_CHANNELS.filter((c) => c !== 'outreach_referral').map((c) => ({
                value: c,
                label: tv('supportChannel', c),
              }))}
            />
            <TextField
              label={t('support.contactedOn')}
              name="contactedOn"
              type="date"
              value={contactedOn}
              onInput={setContactedOn}
              required
            />
            <TextField label={`${t('support.name')} ${t('app.optional')}`} name="name" value={name} onInput={setName} />
            <TextField label={`${t('support.contact')} ${t('app.optional')}`} name="contact" value={contact} onInput={setContact} />
          </div>
        </CommandForm>
      </Section>
    </Page>
  );
}

function SupportCase(props: { id: string }) {
  const { t, tv, lang, api } = useApp();
  const loaded = useLoad((a) => a.get<SupportView>(`/support-cases/${encodeURIComponent(props.id)}`), [props.id]);
  const [purpose, setPurpose] = useState<string>('case_management');
  const [method, setMethod] = useState<string>('written');
  const [wording, setWording] = useState('v2026.1');
  const [providerId, setProviderId] = useState('');
  const [witness, setWitness] = useState('');
  const [on, setOn] = useState(today());
  const c = loaded.data?.data;
  const revision = loaded.data?.revision ?? null;
  const base = `/support-cases/${encodeURIComponent(props.id)}`;
  const provider = purpose === 'referral' ? { providerId } : {};
  return (
    <Page title={c?.clientCode ? t('support.case', { code: c.clientCode }) : t('kind.support_case')}>
      <ErrorBox error={loaded.error} />
      {loaded.loading && !c ? <Loading /> : null}
      {c ? (
        <>
          <Section title={t('support.serviceUser')}>
            <Facts
              items={[
                [t('support.clientCode'), <code>{c.clientCode}</code>],
                [t('app.status'), <Badge>{tv('supportStatus', c.status)}</Badge>],
                [t('app.jurisdiction'), c.jurisdiction],
                [t('support.channel'), tv('supportChannel', c.firstContact?.channel)],
                [t('support.contactedOn'), formatDate(lang, c.firstContact?.contactedOn)],
                [t('support.name'), <FieldValue value={c.serviceUser.name} />],
                [t('support.contact'), <FieldValue value={c.serviceUser.contact} />],
              ]}
            />
          </Section>
          <Section title={t('support.consents')}>
            <ConsentBadges summary={c.consentSummary} />
            <div class="actions">
              <CommandForm
                name={t('support.giveConsent')}
                submitLabel={t('support.giveConsent')}
                run={() =>
                  api.command(
                    `${base}/consents`,
                    {
                      purpose,
                      ...provider,
                      wordingVersion: wording,
                      method,
                      ...(method === 'verbal_witnessed' ? { witness } : {}),
                      givenOn: on,
                    },
                    revision,
                  )
                }
                done={loaded.reload}
              >
                <SelectField
                  label={t('support.purpose')}
                  name="purpose"
                  value={purpose}
                  onChange={setPurpose}
                  options={CONSENT_PURPOSES.map((p) => ({ value: p, label: tv('consent', p) }))}
                />
                {purpose === 'referral' ? (
                  <TextField label={t('support.provider')} name="providerId" value={providerId} onInput={setProviderId} required />
                ) : null}
                <SelectField
                  label={t('support.method')}
                  name="method"
                  value={method}
                  onChange={setMethod}
                  options={CONSENT_METHODS.map((m) => ({ value: m, label: tv('consentMethod', m) }))}
                />
                {method === 'verbal_witnessed' ? (
                  <TextField label={t('audit.who')} name="witness" value={witness} onInput={setWitness} required />
                ) : null}
                <TextField label={t('support.wordingVersion')} name="wordingVersion" value={wording} onInput={setWording} required />
                <TextField label={t('app.date')} name="givenOn" type="date" value={on} onInput={setOn} required />
              </CommandForm>
              <CommandForm
                name={t('support.withdrawConsent')}
                submitLabel={t('support.withdrawConsent')}
                run={() => api.command(`${base}/consents/withdraw`, { purpose, ...provider, withdrawnOn: on }, revision)}
                done={loaded.reload}
              >
                <p class="muted">
                  {t('support.purpose')}: {tv('consent', purpose)}
                </p>
              </CommandForm>
            </div>
          </Section>
          <Section title={t('support.referrals')}>
            <Table
              caption={t('support.referrals')}
              head={[t('support.provider'), t('app.status'), t('support.referredOn'), t('app.date')]}
              empty={c.referrals.length === 0}
              emptyText={t('support.noReferrals')}
            >
              {c.referrals.map((r) => (
                <tr key={r.referralId}>
                  <td>{r.providerId}</td>
                  <td>
                    <Badge
                      tone={
                        r.status === 'declined' || r.status === 'revoked' || r.status === 'cancelled'
                          ? 'bad'
                          : r.status === 'pending'
                            ? 'warn'
                            : 'good'
                      }
                    >
                      {tv('referral', r.status)}
                    </Badge>
                  </td>
                  <td>{formatDate(lang, r.referredOn)}</td>
                  <td>{formatDate(lang, r.statusOn)}</td>
                </tr>
              ))}
            </Table>
          </Section>
        </>
      ) : null}
    </Page>
  );
}

interface OutreachEntry {
  id: string;
  jurisdiction: string;
  status: string;
  referredAt: string;
  supportCaseId: string | null;
}

function OutreachReferrals() {
  const { t, tv, lang } = useApp();
  const loaded = useLoad((a) => a.get<{ entries: OutreachEntry[] }>('/outreach-referrals').then((r) => r.data.entries), []);
  return (
    <Page title={t('support.outreachTitle')}>
      <ErrorBox error={loaded.error} />
      {loaded.loading ? <Loading /> : null}
      {loaded.data ? (
        <Table
          caption={t('support.outreachTitle')}
          head={[t('app.id'), t('app.jurisdiction'), t('app.status'), t('app.date')]}
          empty={loaded.data.length === 0}
          emptyText={t('support.outreachEmpty')}
        >
          {loaded.data.map((r) => (
            <tr key={r.id}>
              <td>
                <code>{r.id}</code>
              </td>
              <td>{r.jurisdiction}</td>
              <td>{tv('referral', r.status)}</td>
              <td>{formatDate(lang, r.referredAt)}</td>
            </tr>
          ))}
        </Table>
      ) : null}
    </Page>
  );
}

/** Social workers and support supervisors: support cases, consent per purpose, referrals. Nothing of enforcement. */
export default function SupportArea({ path }: AreaProps) {
  if (match('/console/support-cases', path)) return <SupportList />;
  const one = match('/console/support-cases/:id', path);
  if (one) return <SupportCase id={one.id!} />;
  if (match('/console/referrals', path)) return <OutreachReferrals />;
  return <NotFound />;
}

import { ruleViolated } from './support-case-rules.js';
import type { ConsentPurpose, ConsentRecord, SupportCaseState } from './support-case-types.js';

/** The rule every consent refusal names: consent is given per purpose and stops where it is withdrawn. */
export const CONSENT_RULE = {
  en: 'consent per purpose, Law 91/2025 on personal data protection',
  vi: 'đồng ý theo từng mục đích, Luật Bảo vệ dữ liệu cá nhân số 91/2025',
} as const;

const PURPOSE_WORDS: Record<ConsentPurpose, { en: string; vi: string }> = {
  case_management: { en: 'case management', vi: 'quản lý trường hợp' },
  referral: { en: 'referral to this provider', vi: 'chuyển gửi tới đơn vị này' },
  follow_up_contact: { en: 'follow-up contact', vi: 'liên hệ theo dõi sau hỗ trợ' },
  deidentified_statistics: { en: 'de-identified statistics', vi: 'thống kê đã khử định danh' },
};

/** A referral consent covers one named provider; the other purposes cover the case. */
const covers = (consent: ConsentRecord, purpose: ConsentPurpose, providerId: string | null) =>
  consent.purpose === purpose && consent.providerId === (purpose === 'referral' ? providerId : null);

/** The most recent consent for this purpose (and provider), withdrawn or not. */
export function latestConsent(
  state: SupportCaseState,
  purpose: ConsentPurpose,
  providerId: string | null = null,
): ConsentRecord | undefined {
  return state.consents.findLast((c) => covers(c, purpose, providerId));
}

export function activeConsent(
  state: SupportCaseState,
  purpose: ConsentPurpose,
  providerId: string | null = null,
): ConsentRecord | undefined {
  const latest = latestConsent(state, purpose, providerId);
  return latest && latest.withdrawnOn === null ? latest : undefined;
}

/**
 * Refuses processing the service user has not consented to, or has withdrawn consent for (422,
 * naming the purpose, the provider when there is one, and the rule).
 */
export function requireConsent(state: SupportCaseState, purpose: ConsentPurpose, providerId: string | null = null): ConsentRecord {
  const active = activeConsent(state, purpose, providerId);
  if (active) return active;
  const withdrawn = latestConsent(state, purpose, providerId);
  const words = PURPOSE_WORDS[purpose];
  const provider = providerId === null ? '' : ` (${providerId})`;
  const details = { rule: 'consent_per_purpose', law: 'Law 91/2025', purpose, providerId };
  if (withdrawn) {
    throw ruleViolated(
      'consent_withdrawn',
      `The service user withdrew consent to ${words.en}${provider} on ${withdrawn.withdrawnOn}; this processing is stopped (${CONSENT_RULE.en})`,
      `Người được hỗ trợ đã rút lại sự đồng ý cho ${words.vi}${provider} ngày ${withdrawn.withdrawnOn}; việc xử lý này phải dừng (${CONSENT_RULE.vi})`,
      { ...details, withdrawnOn: withdrawn.withdrawnOn },
    );
  }
  throw ruleViolated(
    'consent_required',
    `The service user has not consented to ${words.en}${provider} (${CONSENT_RULE.en})`,
    `Người được hỗ trợ chưa đồng ý cho ${words.vi}${provider} (${CONSENT_RULE.vi})`,
    details,
  );
}

/** What each purpose stands at, for the case view: given, withdrawn or none; referral consent per provider. */
export function consentSummary(state: SupportCaseState) {
  const status = (purpose: ConsentPurpose, providerId: string | null = null) => {
    const latest = latestConsent(state, purpose, providerId);
    return latest ? (latest.withdrawnOn === null ? 'given' : 'withdrawn') : 'none';
  };
  const providers = [...new Set(state.consents.filter((c) => c.purpose === 'referral' && c.providerId !== null).map((c) => c.providerId!))];
  return {
    case_management: status('case_management'),
    follow_up_contact: status('follow_up_contact'),
    deidentified_statistics: status('deidentified_statistics'),
    referral: providers.map((providerId) => ({ providerId, status: status('referral', providerId) })),
  };
}

import { FieldSchemas } from '../../access/src/application/case-records.js';
import type { FieldLabel } from '../../access/src/domain/resources.js';
import { NO_SCOPE, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import type { CaseSummaryProjection } from '../../case-kernel/src/application/case-summaries.js';
import { fold } from '../../case-kernel/src/domain/decider.js';
import { providerDecider } from './domain/provider-decider.js';
import type { ProviderCommand, ProviderEvent, ProviderEventType, ProviderState } from './domain/provider.js';

/**
 * Labels of every field of every provider event. A provider is an organisation: its name, type,
 * services and area are public; its contact and the reason it left the directory are internal.
 * No field holds personal data, so nothing is encrypted.
 */
const LABELS: Record<ProviderEventType, Record<string, FieldLabel>> = {
  'provider.registered': {
    name: 'public',
    providerType: 'public',
    services: 'public',
    jurisdiction: 'public',
    contact: 'internal',
    registeredAt: 'public',
  },
  'provider.services_changed': { services: 'public', changedAt: 'public' },
  'provider.details_changed': { name: 'public', contact: 'internal', changedAt: 'public' },
  'provider.deactivated': { deactivationReason: 'internal', deactivatedAt: 'public' },
  'provider.reactivated': { reactivatedAt: 'public' },
};

export const PROVIDER_SCHEMAS = Object.entries(LABELS).reduce(
  (schemas, [type, schema]) => schemas.register(type, schema),
  new FieldSchemas(),
);

export const providersContext: CaseContext<ProviderCommand, ProviderEvent, ProviderState> = {
  kind: 'provider',
  decider: providerDecider,
  schemas: PROVIDER_SCHEMAS,
  creates: (command) => command.kind === 'register',
  action: () => 'write',
  scope: (state) => ({ jurisdiction: state.jurisdiction, assignees: [] }),
  newCaseScope: (command) => ({ jurisdiction: command.kind === 'register' ? command.jurisdiction : NO_SCOPE, assignees: [] }),
  // No personal fields: the subject is never used to encrypt anything.
  subjectOf: (_state, _event, caseId) => `provider-${caseId}`,
};

/** The directory entry as listed (all fields are public or internal). */
export const providerSummaries: CaseSummaryProjection = {
  kind: 'provider',
  summarize(events) {
    const state = fold(
      providerDecider,
      events.map((e) => ({ type: e.type, data: e.data }) as ProviderEvent),
    );
    return {
      name: state.name,
      providerType: state.providerType,
      services: state.services,
      active: state.active,
      contact: state.contact,
      updatedAt: state.updatedAt,
    };
  },
};

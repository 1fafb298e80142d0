import { vnDate } from '../../../case-kernel/src/domain/working-calendar.js';
import { TIP_FIELD_SCHEMAS } from '../../../tips/src/tips-context.js';
import type { IntegrationContract, IntegrationMapper } from '../contract.js';
import { code, optionalCode, unitFrom } from './fields.js';

/**
 * Tips on `pcm.tips.v1`: when a tip was received, how it was classified and how it ended — by
 * unit, channel, kind, category and outcome. Nothing about the reporter (not even whether the tip
 * was anonymous), no allegation, no note, no receiving agency.
 */
const TOPIC = 'pcm.tips.v1';

export const TIP_RECEIVED_V1: IntegrationContract = {
  name: 'tip.received',
  version: 1,
  topic: TOPIC,
  fields: ['unit', 'channel', 'tipKind', 'receivedOn'],
};
export const TIP_CLASSIFIED_V1: IntegrationContract = { name: 'tip.classified', version: 1, topic: TOPIC, fields: ['unit', 'category'] };
export const TIP_CLOSED_V1: IntegrationContract = { name: 'tip.closed', version: 1, topic: TOPIC, fields: ['unit', 'category', 'outcome'] };

const base = { kind: 'tip', schemas: TIP_FIELD_SCHEMAS } as const;

export const TIP_MAPPERS: IntegrationMapper[] = [
  {
    ...base,
    source: 'tip.received',
    contract: TIP_RECEIVED_V1,
    reads: [],
    map: ({ event: { data } }) => ({
      unit: code(data.jurisdiction, 'jurisdiction'),
      channel: code(data.channel, 'channel'),
      tipKind: code(data.kind, 'kind'),
      receivedOn: vnDate(new Date(code(data.receivedAt, 'receivedAt'))),
    }),
  },
  {
    ...base,
    source: 'tip.classified',
    contract: TIP_CLASSIFIED_V1,
    reads: ['tip.received'],
    map: ({ event: { data }, latest }) => ({
      unit: unitFrom(latest('tip.received')?.data, 'jurisdiction'),
      category: code(data.category, 'category'),
    }),
  },
  {
    ...base,
    source: 'tip.closed',
    contract: TIP_CLOSED_V1,
    reads: ['tip.received', 'tip.classified'],
    map: ({ event: { data }, latest }) => ({
      unit: unitFrom(latest('tip.received')?.data, 'jurisdiction'),
      category: optionalCode(latest('tip.classified')?.data.category, 'category'),
      outcome: code(data.outcome, 'outcome'),
    }),
  },
];

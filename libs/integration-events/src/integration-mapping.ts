import { COMPARTMENT_OF } from '../../access/src/domain/resources.js';
import { vnDate } from '../../case-kernel/src/domain/working-calendar.js';
import { checkPayload, type IntegrationEvent, type IntegrationMapper, type PublicEvent } from './contract.js';
import { publicView } from './public-view.js';

/** A stored event, upcast to its type's current schema version, as the mapping needs it. */
export interface SourceEvent {
  id: string;
  streamId: string;
  type: string;
  data: Readonly<Record<string, unknown>>;
  /** metadata.occurredAt of the envelope. */
  occurredAt: string;
}

const TOPIC = /^pcm\.[a-z_]+\.v(\d+)$/;

/**
 * The allow-list of integration mappers. An event is published only if a mapper names its type
 * AND its stream is of the mapper's case kind; everything else (support, consent, access events,
 * any type nobody mapped) is skipped. Mappers of the support compartment are refused outright.
 */
export class IntegrationMapping {
  private readonly bySource = new Map<string, IntegrationMapper>();

  constructor(readonly mappers: readonly IntegrationMapper[]) {
    for (const mapper of mappers) {
      const where = `Integration mapper for ${mapper.source}`;
      if (COMPARTMENT_OF[mapper.kind] !== 'enforcement')
        throw new Error(
          `${where}: ${mapper.kind} is not in the enforcement compartment; nothing of the support compartment is ever published`,
        );
      if (this.bySource.has(mapper.source)) throw new Error(`${where}: mapped twice`);
      for (const type of [mapper.source, ...mapper.reads]) mapper.schemas.of(type);
      const topic = TOPIC.exec(mapper.contract.topic);
      if (!topic || Number(topic[1]) !== mapper.contract.version)
        throw new Error(`${where}: topic ${mapper.contract.topic} is not pcm.<context>.v${mapper.contract.version}`);
      if (mapper.contract.fields.length === 0) throw new Error(`${where}: a contract declares its fields`);
      this.bySource.set(mapper.source, mapper);
    }
  }

  /** The mapper of this event, or null when it is not published. */
  mapperFor(event: Pick<SourceEvent, 'type' | 'streamId'>): IntegrationMapper | null {
    const mapper = this.bySource.get(event.type);
    return mapper && event.streamId.startsWith(`${mapper.kind}-`) ? mapper : null;
  }

  /** Every topic a mapper publishes to. */
  topics(): string[] {
    return [...new Set(this.mappers.map((m) => m.contract.topic))].sort();
  }

  /**
   * The integration event of `event`, or null when it is not published. `earlier` holds the events
   * before it in its stream (upcast), needed only when the mapper `reads` some of their types.
   */
  map(event: SourceEvent, earlier: readonly Pick<SourceEvent, 'type' | 'data'>[] = []): IntegrationEvent | null {
    const mapper = this.mapperFor(event);
    if (!mapper) return null;
    const view = (e: Pick<SourceEvent, 'type' | 'data'>): PublicEvent => ({
      type: e.type,
      data: publicView(mapper.schemas, e.type, e.data),
    });
    const latest = (type: string): PublicEvent | null => {
      if (!mapper.reads.includes(type))
        throw new Error(`Integration mapper for ${mapper.source} looked up ${type} without declaring it in reads`);
      for (let i = earlier.length - 1; i >= 0; i--) if (earlier[i]!.type === type) return view(earlier[i]!);
      return null;
    };
    const payload = checkPayload(mapper.contract, mapper.map({ event: view(event), latest }));
    return {
      topic: mapper.contract.topic,
      key: event.streamId,
      eventId: event.id,
      contract: mapper.contract.name,
      version: mapper.contract.version,
      occurredOn: vnDate(new Date(event.occurredAt)),
      data: payload,
    };
  }
}

/**
 * Upcasting on read: an event is stored once, in the schema version its writer knew, and never
 * rewritten (the log is append-only and hash-chained). Readers turn an older version into the
 * current one, one step at a time, before they fold it.
 */

/** One step: `eventType` data of `fromVersion` becomes data of `fromVersion + 1`. Pure and total. */
export interface Upcaster {
  eventType: string;
  fromVersion: number;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
}

/** What an upcaster works on: the envelope's type and schema version, and the data. */
export interface VersionedEvent {
  type: string;
  schemaVersion: number;
  data: Readonly<Record<string, unknown>>;
}

/**
 * The event was written by a newer release than this one: folding data of an unknown shape could
 * give a wrong state silently, so it is refused. Deploy readers before writers (docs/operations.md).
 */
export class UnknownSchemaVersionError extends Error {
  readonly code = 'upcasting.unknown_schema_version';
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly currentVersion: number,
  ) {
    super(`Event type ${eventType}: schema version ${schemaVersion} is newer than ${currentVersion}, the latest this release knows`);
    this.name = 'UnknownSchemaVersionError';
  }
}

/** Every event type's chain of upcasters; a type without one is at version 1. */
export class UpcasterRegistry {
  private readonly chains = new Map<string, Upcaster[]>();

  constructor(upcasters: readonly Upcaster[]) {
    for (const upcaster of upcasters) {
      const chain = this.chains.get(upcaster.eventType) ?? [];
      chain.push(upcaster);
      this.chains.set(upcaster.eventType, chain);
    }
    for (const [type, chain] of this.chains) {
      chain.sort((a, b) => a.fromVersion - b.fromVersion);
      chain.forEach((step, index) => {
        if (step.fromVersion !== index + 1)
          throw new Error(
            `Upcasters of ${type}: expected a step from version ${index + 1}, found one from ${step.fromVersion} (steps must be 1→2→3… without gaps or repeats)`,
          );
      });
    }
  }

  /** The version writers stamp on new events of this type. */
  currentVersion(eventType: string): number {
    return (this.chains.get(eventType)?.length ?? 0) + 1;
  }

  /** The event in its type's current version (the same object when it already is). */
  upcast<T extends VersionedEvent>(event: T): T {
    const current = this.currentVersion(event.type);
    if (event.schemaVersion === current) return event;
    if (!Number.isSafeInteger(event.schemaVersion) || event.schemaVersion < 1)
      throw new Error(`Event type ${event.type}: invalid schema version ${String(event.schemaVersion)}`);
    if (event.schemaVersion > current) throw new UnknownSchemaVersionError(event.type, event.schemaVersion, current);
    let data = event.data;
    for (const step of this.chains.get(event.type)!.slice(event.schemaVersion - 1)) data = step.upcast(data);
    return { ...event, schemaVersion: current, data };
  }
}

import type { FieldSchemas } from '../../access/src/application/case-records.js';

/**
 * A mapper asked for a field that is not labelled `public` (or not labelled at all). Integration
 * events leave the platform for other agencies' systems: only public fields may go, so this is a
 * bug in the mapper, never a condition to handle.
 */
export class NonPublicFieldError extends Error {
  readonly code = 'integration.non_public_field';
  constructor(
    readonly eventType: string,
    readonly field: string,
    readonly label: string,
  ) {
    super(`An integration mapper read ${eventType}.${field}, which is ${label}: only public fields may be published`);
    this.name = 'NonPublicFieldError';
  }
}

/**
 * The data of an event as a mapper may see it: the top-level fields its context labels `public`,
 * and nothing else. The other fields are not copied in (so no value of theirs can leak through the
 * view) and reading one throws NonPublicFieldError (so a mapper that tries fails its tests at once
 * instead of publishing `undefined`).
 */
export function publicView(
  schemas: FieldSchemas,
  eventType: string,
  data: Readonly<Record<string, unknown>>,
): Readonly<Record<string, unknown>> {
  const labels = schemas.of(eventType);
  const visible: Record<string, unknown> = {};
  for (const [field, label] of Object.entries(labels)) {
    if (label === 'public' && !field.includes('.') && Object.hasOwn(data, field)) visible[field] = data[field];
  }
  Object.freeze(visible);
  return new Proxy(visible, {
    get(target, property) {
      if (typeof property === 'symbol') return undefined;
      if (Object.hasOwn(target, property)) return target[property];
      const label = Object.hasOwn(labels, property) ? labels[property]! : 'unlabelled';
      // A public field absent from this event reads as undefined, like any optional field.
      if (label === 'public') return undefined;
      throw new NonPublicFieldError(eventType, property, label);
    },
    has: (target, property) => typeof property === 'string' && Object.hasOwn(target, property),
  });
}

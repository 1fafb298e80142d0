/**
 * The shape of every bounded context's domain: pure functions, no I/O, no framework.
 * `decide` turns a command and the current state into new events or throws a DomainError;
 * `evolve` folds an event into the state and never throws.
 */
export interface DomainEvent<T extends string = string, D extends Record<string, unknown> = Record<string, unknown>> {
  type: T;
  data: D;
}

/** Passed in so that a decision is repeatable in tests. */
export interface DecisionContext {
  now: Date;
  actorId: string;
  /** Roles the actor decided under, e.g. for competence limits. */
  roles: readonly string[];
  /**
   * The actor's grants whose scope covers the case, as the verified token states them (with the
   * official's position, where the identity provider issued one). Never from the request.
   */
  grants?: readonly { role: string; scope: string; position?: string }[];
  newId(): string;
}

export interface Decider<C, E extends DomainEvent, S> {
  initialState: S;
  evolve(state: S, event: E): S;
  decide(command: C, state: S, context: DecisionContext): E[];
}

/** What kind of refusal: maps to 422 (a rule), 409 (the state does not allow it now), 404, 403 (this person may not, e.g. confirm their own request). */
export type DomainErrorKind = 'rule_violated' | 'invalid_state' | 'not_found' | 'forbidden';

/** A refusal with a stable code and a message in English and Vietnamese; carries no personal data. */
export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly messageVi: string,
    readonly details: Record<string, string | number | boolean | null> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function fold<E extends DomainEvent, S>(decider: Pick<Decider<unknown, E, S>, 'initialState' | 'evolve'>, events: readonly E[]): S {
  return events.reduce(decider.evolve, decider.initialState);
}

export function assertNever(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}

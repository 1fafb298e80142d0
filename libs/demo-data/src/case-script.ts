import { caseStream } from '../../access/src/application/case-records.js';
import type { Role } from '../../access/src/domain/roles.js';
import { uuidFrom, type CaseContext } from '../../case-kernel/src/application/case-commands.js';
import { DomainError, type DomainEvent } from '../../case-kernel/src/domain/decider.js';
import { AS_OF, plusHours } from './demo-clock.js';

/** A simulated user: the user id a local token can be issued for, and the role they act in. */
export interface Actor {
  userId: string;
  role: Role;
  /** Where the actor's grant is, and the position it holds (a sanctioning official's), when it matters to the decision. */
  scope?: string;
  position?: string;
}

/** One command as the context's decider took it, with the state it was decided on. */
export interface DemoStep<C, E, S> {
  command: C;
  at: Date;
  actor: Actor;
  correlationId: string;
  decidedOn: S;
  events: E[];
}

/** The demo data generator made a command the decider refuses: a bug in the generator, never written. */
export class DemoDataRefusedError extends Error {
  constructor(
    readonly caseKind: string,
    readonly caseId: string,
    readonly command: string,
    readonly refusal: DomainError,
  ) {
    super(`demo data: ${caseKind} ${caseId}: ${command} refused (${refusal.code}): ${refusal.message}`);
    this.name = 'DemoDataRefusedError';
  }
}

/** Demo case ids: "demo-" and a UUID named by the seed, so they never meet an id the API made (a bare UUID). */
export const demoId = (name: string) => `demo-${uuidFrom(`demo-data\n${name}`)}`;

/** The id of the event at `revision` of a demo stream: the same on every run of the same seed. */
export const demoEventId = (stream: string, revision: number) => uuidFrom(`demo-data event\n${stream}\n${revision}`);

/**
 * One case driven through its context's real decider in memory, on a simulated clock: each
 * command is decided on the state the previous ones left, and its events are folded in.
 * Nothing is dated after AS_OF: `run` answers false and the case stays where it is.
 */
export class CaseScript<C, E extends DomainEvent, S> {
  readonly steps: Array<DemoStep<C, E, S>> = [];
  state: S;
  private newIds = 0;
  private lastAt: Date | null = null;

  constructor(
    readonly context: CaseContext<C, E, S>,
    readonly caseId: string,
  ) {
    this.state = context.decider.initialState;
  }

  get stream(): string {
    return caseStream(this.context.kind, this.caseId);
  }

  get eventCount(): number {
    return this.steps.reduce((n, step) => n + step.events.length, 0);
  }

  /** When the last command was decided (null before the first). */
  get lastDecidedAt(): Date | null {
    return this.lastAt;
  }

  /** Decides `command` at `at` (moved just after the previous command if earlier); false, and nothing done, after AS_OF. */
  run(command: C, at: Date, actor: Actor): boolean {
    const now = this.lastAt && at.getTime() <= this.lastAt.getTime() ? plusHours(this.lastAt, 0.1) : at;
    if (now.getTime() > AS_OF.getTime()) return false;
    let events: E[];
    try {
      events = this.context.decider.decide(command, this.state, {
        now,
        actorId: actor.userId,
        roles: [actor.role],
        grants: actor.scope ? [{ role: actor.role, scope: actor.scope, ...(actor.position ? { position: actor.position } : {}) }] : [],
        newId: () => demoId(`${this.stream}\nid ${this.newIds++}`),
      });
    } catch (error) {
      if (error instanceof DomainError) throw new DemoDataRefusedError(this.context.kind, this.caseId, commandName(command), error);
      throw error;
    }
    this.steps.push({
      command,
      at: now,
      actor,
      correlationId: demoId(`${this.stream}\ncommand ${this.steps.length}`),
      decidedOn: this.state,
      events,
    });
    for (const event of events) this.state = this.context.decider.evolve(this.state, event);
    this.lastAt = now;
    return true;
  }
}

/** Any case script, whatever its context. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DemoCase = CaseScript<any, DomainEvent, any>;

function commandName(command: unknown): string {
  const { type, kind } = command as { type?: string; kind?: string };
  return type ?? kind ?? 'command';
}

import { Controller, Inject, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type Type } from '@nestjs/common';
import type pg from 'pg';
import { IndicatorReader, IndicatorViewNotReadyError } from '../../../../libs/indicators/src/indicator-reader.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { vnDay } from '../../../../libs/statistics/src/domain/calendar-day.js';
import { CALENDAR_MONTHS, statisticalPeriod } from '../../../../libs/statistics/src/domain/periods.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import { APP_CONFIG, DATABASE_POOL, JURISDICTION_TREE } from '../tokens.js';

export type WarmUpOutcome = { warmed: true; ms: number } | { warmed: false; reason: 'disabled' | 'stopped' | 'not_built' | 'failed' };

export interface WarmUpSettings {
  /** The wait between two tries while the view is not built. */
  retryMs: number;
  /** No try starts later than this after the first one. */
  giveUpAfterMs: number;
}

/** Every 5 s while the view is not built (a first build of a large log takes minutes), for at most 30 minutes. */
export const WARM_UP_SETTINGS: WarmUpSettings = { retryMs: 5000, giveUpAfterMs: 30 * 60_000 };

type WarmUpLog = Pick<Logger, 'log' | 'warn'>;

/** What the warm-up needs of the pool. */
export interface StatementRunner {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** A statement sent after the warm-up was stopped. */
class WarmUpStoppedError extends Error {
  constructor() {
    super('The statistics warm-up was stopped');
    this.name = 'WarmUpStoppedError';
  }
}

/**
 * Runs one query in the background so that the first statistician's answer after a start does
 * not pay for cold buffers (about 3 s instead of 0.2 s on a million events). It is the system
 * asking, not a person: nothing goes through the policy point and nothing is returned to anyone;
 * one line is logged, without data. It never throws: a view not built yet is tried again every
 * `retryMs` for a bounded time, any other failure is logged and ends it. Its statements go through
 * a gate that `stop()` closes: once stopped, none is sent and none is still running.
 */
export class StatisticsWarmUp {
  /** How the warm-up ended; settles once. */
  readonly done: Promise<WarmUpOutcome>;
  private settle!: (outcome: WarmUpOutcome) => void;
  /** The pool as the warm-up's statements see it: only `query`, refused once stopped. */
  private readonly gated: pg.Pool;
  private readonly pending = new Set<Promise<unknown>>();
  private sent = 0;
  private stopped = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;

  constructor(
    pool: StatementRunner,
    private readonly warm: (pool: pg.Pool) => Promise<void>,
    private readonly log: WarmUpLog,
    private readonly settings: WarmUpSettings = WARM_UP_SETTINGS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.done = new Promise((resolve) => (this.settle = resolve));
    this.gated = { query: (...args: unknown[]) => this.send(pool, args) } as unknown as pg.Pool;
  }

  /** Statements sent so far. */
  get statements(): number {
    return this.sent;
  }

  /** Statements sent and not answered yet. */
  get running(): number {
    return this.pending.size;
  }

  /** Starts in the background; returns at once. */
  start(): void {
    if (this.loop || this.stopped) return;
    this.loop = this.run().then(this.settle, (error: unknown) => {
      this.log.warn(`statistics view warm-up failed (${errorCode(error)})`);
      this.settle({ warmed: false, reason: 'failed' });
    });
  }

  /** Switched off by configuration: settles without sending anything. */
  disable(): void {
    this.settle({ warmed: false, reason: 'disabled' });
  }

  /** No statement is sent after this, and when it resolves none is running. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.pending]);
    this.settle({ warmed: false, reason: 'stopped' });
  }

  private async run(): Promise<WarmUpOutcome> {
    const first = this.clock();
    for (;;) {
      if (this.stopped) return { warmed: false, reason: 'stopped' };
      const started = this.clock();
      try {
        await this.warm(this.gated);
        const ms = Math.round(this.clock() - started);
        this.log.log(`statistics view warmed in ${ms} ms`);
        return { warmed: true, ms };
      } catch (error) {
        if (this.stopped) return { warmed: false, reason: 'stopped' };
        if (!(error instanceof IndicatorViewNotReadyError)) {
          this.log.warn(`statistics view warm-up failed (${errorCode(error)}); the first statistics request will be slower`);
          return { warmed: false, reason: 'failed' };
        }
      }
      if (this.clock() + this.settings.retryMs - first > this.settings.giveUpAfterMs) {
        this.log.warn(`statistics view not built within ${Math.round(this.settings.giveUpAfterMs / 1000)} s: not warmed`);
        return { warmed: false, reason: 'not_built' };
      }
      await this.pause(this.settings.retryMs);
    }
  }

  private send(pool: StatementRunner, args: unknown[]): Promise<unknown> {
    if (this.stopped) return Promise.reject(new WarmUpStoppedError());
    this.sent += 1;
    const answer = (pool.query as (...a: unknown[]) => Promise<unknown>).apply(pool, args);
    this.pending.add(answer);
    const forget = () => this.pending.delete(answer);
    answer.then(forget, forget);
    return answer;
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      this.wake = done;
    });
  }
}

/** What a log line may say of an error: its PostgreSQL code or its name, never a message that could carry a value. */
function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'unknown';
}

/** The warm-up's query: one indicator table for the whole country over the current calendar year. */
export async function warmCountryYear(reader: IndicatorReader, tree: JurisdictionTree, now = new Date()): Promise<void> {
  if (!(await reader.built())) throw new IndicatorViewNotReadyError();
  const asOf = vnDay(now);
  const period = statisticalPeriod(CALENDAR_MONTHS, 'year', Number(asOf.slice(0, 4)), 1);
  await reader.source({ area: tree.root.code, period, tree, calendar: CALENDAR_MONTHS, asOf, targets: [] }, now);
}

export interface StatisticsWarmUpHost extends OnApplicationBootstrap, OnApplicationShutdown {
  readonly warmUp: StatisticsWarmUp;
}

/**
 * The warm-up's place in the application's lifecycle: started when the application has started
 * (unless `enabled()` says no), stopped when it closes. A controller without routes because the
 * statistics' part of the API is a list of controllers (case-modules.ts); Nest calls the lifecycle
 * hooks of controllers as of providers.
 */
export function statisticsWarmUpHost(
  enabled: (config: AppConfig) => boolean,
  settings: WarmUpSettings = WARM_UP_SETTINGS,
): Type<StatisticsWarmUpHost> {
  @Controller()
  class StatisticsWarmUpLifecycle implements StatisticsWarmUpHost {
    readonly warmUp: StatisticsWarmUp;

    constructor(
      @Inject(DATABASE_POOL) pool: pg.Pool,
      @Inject(JURISDICTION_TREE) tree: JurisdictionTree,
      @Inject(APP_CONFIG) private readonly config: AppConfig,
    ) {
      this.warmUp = new StatisticsWarmUp(
        pool,
        (gated) => warmCountryYear(new IndicatorReader(gated, tree), tree),
        new Logger('Statistics'),
        settings,
      );
    }

    onApplicationBootstrap(): void {
      if (enabled(this.config)) this.warmUp.start();
      else this.warmUp.disable();
    }

    async onApplicationShutdown(): Promise<void> {
      await this.warmUp.stop();
    }
  }
  return StatisticsWarmUpLifecycle;
}

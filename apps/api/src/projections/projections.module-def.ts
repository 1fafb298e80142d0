import type { Provider, Type } from '@nestjs/common';
import type pg from 'pg';
import { DeadlineViews } from '../../../../libs/deadlines/src/deadline-views.js';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { DeadlinesController } from '../deadlines/deadlines.controller.js';
import { MetricsListener } from './metrics-listener.js';
import { DEADLINE_VIEWS, PROJECTION_RUNNER, PROJECTIONS_INLINE } from './projection-tokens.js';
import { ProjectionsLifecycle } from './projections-lifecycle.js';

export interface ProjectionServices {
  runner: ProjectionRunner;
  /** Run the projections in this process (the all-in-one default), or only read them. */
  inline: boolean;
}

/** The projections' part of the API: the runner's lifecycle, /metrics on its own loopback listener, and the read-model routes. */
export function projectionsPart(services: ProjectionServices, database: pg.Pool): { controllers: Type<unknown>[]; providers: Provider[] } {
  return {
    controllers: [DeadlinesController],
    providers: [
      { provide: PROJECTION_RUNNER, useValue: services.runner },
      { provide: PROJECTIONS_INLINE, useValue: services.inline },
      { provide: DEADLINE_VIEWS, useValue: new DeadlineViews(database) },
      ProjectionsLifecycle,
      MetricsListener,
    ],
  };
}

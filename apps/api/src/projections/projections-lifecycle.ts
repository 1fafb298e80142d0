import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ProjectionRunner } from '../../../../libs/projections/src/projection-runner.js';
import { PROJECTION_RUNNER, PROJECTIONS_INLINE } from './projection-tokens.js';

/**
 * The all-in-one default: the API process runs the projections too (the runner stands by while
 * another process, e.g. apps/projector, holds them). With projections 'off', the API only reads
 * their status and their views.
 */
@Injectable()
export class ProjectionsLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(PROJECTIONS_INLINE) private readonly inline: boolean,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.inline) await this.runner.start();
    else await this.runner.catalog.migrate();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
  }
}

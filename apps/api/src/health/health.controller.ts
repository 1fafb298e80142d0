import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import type { Response } from 'express';
import type pg from 'pg';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { Public } from '../access/public.decorator.js';
import { DATABASE_POOL, EVENT_STORE } from '../tokens.js';

interface CheckResult {
  status: 'up' | 'down';
  detail?: string;
}

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly eventStore: EventStore,
    @Inject(DATABASE_POOL) private readonly database: pg.Pool,
  ) {}

  /** 200 when the read-model database and the event store answer, 503 otherwise. */
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, eventStore] = await Promise.all([this.checkDatabase(), this.eventStore.health()]);
    const status = database.status === 'up' && eventStore.status === 'up' ? 'up' : 'down';
    response.status(status === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return { status, checks: { database, eventStore } };
  }

  private async checkDatabase(): Promise<CheckResult> {
    try {
      await this.database.query('select 1');
      return { status: 'up' };
    } catch {
      return { status: 'down', detail: 'the database did not answer' };
    }
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import type pg from 'pg';
import type { AppConfig } from '../../../libs/config/src/config.js';
import type { EventStore } from '../../../libs/event-store/src/port.js';
import { HealthController } from './health/health.controller.js';
import { APP_CONFIG, DATABASE_POOL, EVENT_STORE } from './tokens.js';

export interface AppDependencies {
  config: AppConfig;
  eventStore: EventStore;
  database: pg.Pool;
}

@Module({})
export class AppModule {
  static register(deps: AppDependencies): DynamicModule {
    return {
      module: AppModule,
      controllers: [HealthController],
      providers: [
        { provide: APP_CONFIG, useValue: deps.config },
        { provide: EVENT_STORE, useValue: deps.eventStore },
        { provide: DATABASE_POOL, useValue: deps.database },
      ],
    };
  }
}

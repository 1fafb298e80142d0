import type { Type } from '@nestjs/common';
import type { CaseContext } from '../../../libs/case-kernel/src/application/case-commands.js';

/** A bounded context's contribution to the API: its case context(s) and its controllers. */
export interface CaseModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  contexts: CaseContext<any, any, any>[];
  controllers: Type<unknown>[];
}

/** Every case context served by the API. Each context adds its module here. */
export const CASE_MODULES: CaseModule[] = [];

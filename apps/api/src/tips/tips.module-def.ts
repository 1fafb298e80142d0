import { VN_PUBLIC_HOLIDAYS } from '../../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { tipsContext } from '../../../../libs/tips/src/tips-context.js';
import { TipsController } from './tips.controller.js';

/**
 * The tips context in the API. The context listed here gives the registry its field labels; the
 * controller builds its own over the injected CALENDAR, so configured holidays apply. Typed as a
 * CaseModule where it is registered (case-modules.ts), so there is no import cycle.
 */
export const TIPS_MODULE = {
  contexts: [tipsContext(new WorkingCalendar(VN_PUBLIC_HOLIDAYS))],
  controllers: [TipsController],
};

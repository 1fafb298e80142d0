import { VN_PUBLIC_HOLIDAYS } from '../../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { penaltiesContext } from '../../../../libs/penalties/src/penalties-context.js';
import { PenaltiesController } from './penalties.controller.js';

/**
 * The penalties context's CaseModule (typed where it is registered, in case-modules.ts, so no
 * import cycle). The registry only uses the context for its field labels; the controller builds its
 * own with the injected working calendar.
 */
export const PENALTIES_MODULE = {
  contexts: [penaltiesContext(new WorkingCalendar(VN_PUBLIC_HOLIDAYS))],
  controllers: [PenaltiesController],
};

import { VN_PUBLIC_HOLIDAYS } from '../../../../libs/case-kernel/src/domain/vn-public-holidays.js';
import { WorkingCalendar } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { dataSubjectRequestsContext } from '../../../../libs/data-subject-requests/src/data-subject-requests-context.js';
import { DataSubjectRequestsController } from './data-subject-requests.controller.js';

/**
 * The data-subject requests context in the API. The context listed here gives the registry its field
 * labels; the controller builds its own over the injected CALENDAR, so configured holidays apply.
 */
export const DATA_SUBJECT_REQUESTS_MODULE = {
  contexts: [dataSubjectRequestsContext(new WorkingCalendar(VN_PUBLIC_HOLIDAYS))],
  controllers: [DataSubjectRequestsController],
};

import { outreachContext } from '../../../../libs/outreach/src/outreach-context.js';
import { OutreachReferralsController } from './outreach-referrals.controller.js';

/** The outreach-referral context's CaseModule (typed where it is registered, in case-modules.ts, so no import cycle). */
export const OUTREACH_MODULE = { contexts: [outreachContext], controllers: [OutreachReferralsController] };

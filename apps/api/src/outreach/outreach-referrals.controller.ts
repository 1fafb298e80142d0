import { CaseController } from '../cases/case-controller.js';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import { CaseSummaries } from '../../../../libs/case-kernel/src/application/case-summaries.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type {
  OutreachReferralCommand,
  OutreachReferralEvent,
  OutreachReferralState,
} from '../../../../libs/outreach/src/domain/outreach-referral.js';
import { outreachContext, outreachSummaries, referralSubject } from '../../../../libs/outreach/src/outreach-context.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';

import { CommandHeaders } from '../http/command-headers.js';
import { DATABASE_POOL, EVENT_STORE, JURISDICTION_TREE, JURISDICTIONS } from '../tokens.js';
import {
  AcceptOutreachReferralBody,
  AssignReferralBody,
  DeclineOutreachReferralBody,
  ListReferralsQuery,
  ReferBody,
} from './outreach-bodies.js';
import { SupportCommandDocs, SupportReadDocs } from './support-http-docs.js';

/**
 * Outreach referrals: the one crossing from enforcement into support. Police officers, police
 * supervisors and inspectors create them and get back only {id, revision, events}; they can never
 * read, list or act on one (404, the same as for a missing referral). Support supervisors see those
 * in their scope and assign, accept or decline them; social workers see those assigned to them.
 */
@ApiTags('outreach-referrals')
@ApiBearerAuth()
@Controller('outreach-referrals')
export class OutreachReferralsController extends CaseController<OutreachReferralCommand, OutreachReferralEvent, OutreachReferralState> {
  protected readonly context = outreachContext;
  private readonly summaries: CaseSummaries;

  constructor(
    @Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree,
    @Inject(JURISDICTIONS) private readonly jurisdictions: JurisdictionDirectory,
    @Inject(DATABASE_POOL) pool: pg.Pool,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    super();
    this.summaries = new CaseSummaries(pool, store, outreachSummaries);
  }

  @Post()
  @HttpCode(201)
  @SupportCommandDocs(
    'Refer a person to support (enforcement and support roles). The answer is only {id, revision, events}, whatever support knows.',
    false,
  )
  async refer(
    @Body() body: ReferBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    if (this.tree.get(body.jurisdiction)?.level !== 'commune')
      throw new BadRequestException(['jurisdiction must be the code of a commune in force']);
    const command: OutreachReferralCommand = {
      kind: 'refer',
      jurisdiction: body.jurisdiction,
      contactHint: body.contactHint,
      preferredLanguage: body.preferredLanguage ?? null,
      preferredTime: body.preferredTime ?? null,
      needsMentioned: body.needsMentioned ?? null,
    };
    return this.create(command, headers, caller, response);
  }

  @Get()
  @SupportReadDocs('Referrals you may see: in your scope (support supervisors, auditors) or assigned to you (social workers); newest first')
  async list(@Query() query: ListReferralsQuery, @CurrentCaller() caller: Caller) {
    const rows = await this.summaries.readable(this.policy, this.jurisdictions, caller, query.jurisdiction);
    const entries = rows
      .filter((row) => !query.status || row.summary.status === query.status)
      .slice(0, query.limit ?? 100)
      .map((row) => ({ id: row.id, jurisdiction: row.jurisdiction, revision: row.revision, ...row.summary }));
    return { entries };
  }

  @Post(':id/assign')
  @HttpCode(200)
  @SupportCommandDocs('Assign the referral to a social worker (support supervisors); a reassignment takes it away from the former one')
  assign(
    @Param('id') id: string,
    @Body() body: AssignReferralBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'assign', assigneeId: body.assigneeId }, headers, caller, response);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @SupportCommandDocs('Accept the referral into a support case (support supervisors)')
  accept(
    @Param('id') id: string,
    @Body() body: AcceptOutreachReferralBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'accept', supportCaseId: body.supportCaseId }, headers, caller, response);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @SupportCommandDocs('Decline the referral with a reason (support supervisors)')
  decline(
    @Param('id') id: string,
    @Body() body: DeclineOutreachReferralBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'decline', reason: body.reason, note: body.note ?? null }, headers, caller, response);
  }

  @Get(':id')
  @SupportReadDocs('The referral as your role may see it (the contact and needs only for the assigned social worker); ETag: revision')
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.readCase(id, caller, response);
    return {
      id,
      revision: read.revision,
      subjectId: referralSubject(id),
      ...read.state,
      redactedFields: read.redactedFields,
      erasedFields: read.erasedFields,
    };
  }
}

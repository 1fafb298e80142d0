import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { caseIdFor, type CaseCommands } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { CaseReader } from '../../../../libs/case-kernel/src/application/case-reader.js';
import { CaseSummaries } from '../../../../libs/case-kernel/src/application/case-summaries.js';
import { authorizeOnExistingCase } from '../../../../libs/case-kernel/src/application/hidden-case-guard.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type { OutreachReferralCommand, OutreachReferralEvent, OutreachReferralState } from '../../../../libs/outreach/src/domain/outreach-referral.js';
import { outreachContext, outreachSummaries, referralSubject } from '../../../../libs/outreach/src/outreach-context.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { commandAnswer } from '../cases/case-http.js';
import { CommandHeaders } from '../http/command-headers.js';
import { CASE_COMMANDS, CASE_READER, CASE_RECORDS, DATABASE_POOL, EVENT_STORE, JURISDICTION_TREE, JURISDICTIONS, POLICY_POINT } from '../tokens.js';
import { AcceptOutreachReferralBody, AssignReferralBody, DeclineOutreachReferralBody, ListReferralsQuery, ReferBody } from './outreach-bodies.js';
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
export class OutreachReferralsController {
  private readonly summaries: CaseSummaries;

  constructor(
    @Inject(CASE_COMMANDS) private readonly commands: CaseCommands,
    @Inject(CASE_READER) private readonly reader: CaseReader,
    @Inject(CASE_RECORDS) private readonly records: CaseRecords,
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree,
    @Inject(JURISDICTIONS) private readonly jurisdictions: JurisdictionDirectory,
    @Inject(DATABASE_POOL) pool: pg.Pool,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.summaries = new CaseSummaries(pool, store, outreachSummaries);
  }

  @Post()
  @HttpCode(201)
  @SupportCommandDocs('Refer a person to support (enforcement and support roles). The answer is only {id, revision, events}, whatever support knows.', false)
  async refer(@Body() body: ReferBody, @CommandHeaders() headers: CommandHeaders, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    if (this.tree.get(body.jurisdiction)?.level !== 'commune') throw new BadRequestException(['jurisdiction must be the code of a commune in force']);
    const command: OutreachReferralCommand = {
      kind: 'refer',
      jurisdiction: body.jurisdiction,
      contactHint: body.contactHint,
      preferredLanguage: body.preferredLanguage ?? null,
      preferredTime: body.preferredTime ?? null,
      needsMentioned: body.needsMentioned ?? null,
    };
    const caseId = caseIdFor(caller.principal.userId, headers.idempotencyKey, 'outreach_referral');
    return commandAnswer(await this.commands.execute(outreachContext, { caseId, command, caller, ...headers }), response);
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
  assign(@Param('id') id: string, @Body() body: AssignReferralBody, @CommandHeaders() headers: CommandHeaders, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { kind: 'assign', assigneeId: body.assigneeId }, headers, caller, response);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @SupportCommandDocs('Accept the referral into a support case (support supervisors)')
  accept(@Param('id') id: string, @Body() body: AcceptOutreachReferralBody, @CommandHeaders() headers: CommandHeaders, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { kind: 'accept', supportCaseId: body.supportCaseId }, headers, caller, response);
  }

  @Post(':id/decline')
  @HttpCode(200)
  @SupportCommandDocs('Decline the referral with a reason (support supervisors)')
  decline(@Param('id') id: string, @Body() body: DeclineOutreachReferralBody, @CommandHeaders() headers: CommandHeaders, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.run(id, { kind: 'decline', reason: body.reason, note: body.note ?? null }, headers, caller, response);
  }

  @Get(':id')
  @SupportReadDocs('The referral as your role may see it (the contact and needs only for the assigned social worker); ETag: revision')
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.reader.read<OutreachReferralEvent, OutreachReferralState>('outreach_referral', id, outreachContext.decider, caller);
    response.setHeader('ETag', `"${read.revision}"`);
    return { id, revision: read.revision, subjectId: referralSubject(id), ...read.state, redactedFields: read.redactedFields, erasedFields: read.erasedFields };
  }

  private async run(id: string, command: OutreachReferralCommand, headers: CommandHeaders, caller: Caller, response: Response) {
    await authorizeOnExistingCase(this.records, this.policy, 'outreach_referral', id, outreachContext.action(command), caller);
    return commandAnswer(await this.commands.execute(outreachContext, { caseId: id, command, caller, ...headers }), response);
  }
}

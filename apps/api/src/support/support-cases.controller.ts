import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import { AccessDeniedError, type PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { caseIdFor, type CaseCommands } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { CaseReader } from '../../../../libs/case-kernel/src/application/case-reader.js';
import { DomainError } from '../../../../libs/case-kernel/src/domain/decider.js';
import { SubjectErasedError } from '../../../../libs/crypto/src/index.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type { SupportCaseCommand, SupportCaseEvent, SupportCaseState } from '../../../../libs/support/src/domain/support-case-types.js';
import { supportCaseSummaries, supportCasesContext } from '../../../../libs/support/src/support-cases-context.js';
import type pg from 'pg';
import { CaseSummaries } from '../../../../libs/case-kernel/src/application/case-summaries.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { commandAnswer, readCaseHistory } from '../cases/case-http.js';
import { CommandHeaders } from '../http/command-headers.js';
import {
  CASE_COMMANDS,
  CASE_READER,
  CASE_RECORDS,
  DATABASE_POOL,
  EVENT_STORE,
  JURISDICTION_TREE,
  JURISDICTIONS,
  POLICY_POINT,
} from '../tokens.js';
import {
  AcceptReferralBody,
  AssignSupportCaseBody,
  CloseSupportCaseBody,
  DeclineReferralBody,
  FollowUpBody,
  GiveConsentBody,
  OpenSupportCaseBody,
  ReferToProviderBody,
  ReopenSupportCaseBody,
  RevokeReferralBody,
  ScreenNeedsBody,
  ServiceDeliveredBody,
  ListSupportCasesQuery,
  ServiceUserBody,
  WithdrawConsentBody,
} from './support-case-bodies.js';
import { SupportCommandDocs, SupportIdPipe, supportCaseView } from './support-case-http.js';

/**
 * Confidential support cases (quản lý trường hợp): first contact, consent per purpose, needs,
 * referrals, services, follow-up, closure. Only support roles reach them; every denial is a 404
 * that looks exactly like a missing case.
 */
@ApiTags('support-cases')
@ApiBearerAuth()
@Controller('support-cases')
export class SupportCasesController {
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
    this.summaries = new CaseSummaries(pool, store, supportCaseSummaries);
  }

  @Get()
  @ApiOperation({
    summary:
      'Support cases you may see (social workers: those assigned to them), newest first: client code, status, consent status per purpose, referral statuses; never who the person is',
  })
  async list(@Query() query: ListSupportCasesQuery, @CurrentCaller() caller: Caller) {
    const rows = await this.summaries.readable(this.policy, this.jurisdictions, caller, query.jurisdiction);
    const entries = rows
      .filter((row) => !query.status || row.summary.status === query.status)
      .slice(0, query.limit ?? 100)
      .map((row) => ({ id: row.id, jurisdiction: row.jurisdiction, revision: row.revision, ...row.summary }));
    return { entries };
  }

  @Post()
  @HttpCode(201)
  @SupportCommandDocs('Open a support case at the first contact; the system gives the pseudonymous client code', false)
  open(
    @Body() body: OpenSupportCaseBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const unit = this.tree.get(body.jurisdiction);
    if (!unit || unit.level === 'country')
      throw new BadRequestException(['jurisdiction must be the code of a province or commune in force']);
    const id = caseIdFor(caller.principal.userId, headers.idempotencyKey, 'support_case');
    const { serviceUser, assigneeId, ...first } = body;
    return this.run(
      id,
      { ...first, type: 'OpenSupportCase', caseId: id, assigneeId: assigneeId ?? caller.principal.userId, serviceUser: { ...serviceUser } },
      headers,
      caller,
      response,
    );
  }

  @Post(':id/assign')
  @HttpCode(200)
  @SupportCommandDocs('Assign or reassign the responsible social worker (support supervisors)')
  assign(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: AssignSupportCaseBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'AssignSupportCase' }, headers, caller, response);
  }

  @Post(':id/service-user')
  @HttpCode(200)
  @SupportCommandDocs('Correct the service user’s details (only those given are replaced)')
  updateServiceUser(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: ServiceUserBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { type: 'UpdateServiceUser', serviceUser: { ...body } }, headers, caller, response);
  }

  @Post(':id/consents')
  @HttpCode(200)
  @SupportCommandDocs('Record a consent for one purpose, with the wording version and how it was given')
  giveConsent(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: GiveConsentBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'GiveConsent' }, headers, caller, response);
  }

  @Post(':id/consents/withdraw')
  @HttpCode(200)
  @SupportCommandDocs('Record the withdrawal of a consent; it stops exactly the processing it covered')
  withdrawConsent(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: WithdrawConsentBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'WithdrawConsent' }, headers, caller, response);
  }

  @Post(':id/screen-needs')
  @HttpCode(200)
  @SupportCommandDocs('Record the needs screened (needs case-management consent)')
  screenNeeds(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: ScreenNeedsBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'ScreenNeeds' }, headers, caller, response);
  }

  @Post(':id/referrals')
  @HttpCode(200)
  @SupportCommandDocs('Refer to a provider, naming what it may see (needs the referral consent for that provider)')
  refer(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: ReferToProviderBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'ReferToProvider' }, headers, caller, response);
  }

  @Post(':id/referrals/:referralId/accept')
  @HttpCode(200)
  @SupportCommandDocs('Record that the provider accepted the referral')
  accept(
    @Param('id', SupportIdPipe) id: string,
    @Param('referralId', SupportIdPipe) referralId: string,
    @Body() body: AcceptReferralBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'AcceptReferral', referralId }, headers, caller, response);
  }

  @Post(':id/referrals/:referralId/decline')
  @HttpCode(200)
  @SupportCommandDocs('Record that the provider declined the referral')
  decline(
    @Param('id', SupportIdPipe) id: string,
    @Param('referralId', SupportIdPipe) referralId: string,
    @Body() body: DeclineReferralBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'DeclineReferral', referralId }, headers, caller, response);
  }

  @Post(':id/referrals/:referralId/revoke')
  @HttpCode(200)
  @SupportCommandDocs('Revoke a pending or accepted referral (support supervisors)')
  revoke(
    @Param('id', SupportIdPipe) id: string,
    @Param('referralId', SupportIdPipe) referralId: string,
    @Body() body: RevokeReferralBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'RevokeReferral', referralId }, headers, caller, response);
  }

  @Post(':id/referrals/:referralId/service-delivered')
  @HttpCode(200)
  @SupportCommandDocs('Record the service delivered on an accepted referral')
  serviceDelivered(
    @Param('id', SupportIdPipe) id: string,
    @Param('referralId', SupportIdPipe) referralId: string,
    @Body() body: ServiceDeliveredBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'RecordServiceDelivered', referralId }, headers, caller, response);
  }

  @Post(':id/follow-ups')
  @HttpCode(200)
  @SupportCommandDocs('Record a follow-up contact (needs the follow-up consent)')
  followUp(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: FollowUpBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'RecordFollowUp' }, headers, caller, response);
  }

  @Post(':id/close')
  @HttpCode(200)
  @SupportCommandDocs('Close the case with a reason')
  close(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: CloseSupportCaseBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'CloseSupportCase' }, headers, caller, response);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @SupportCommandDocs('Reopen a closed case; needs are screened again before new referrals')
  reopen(
    @Param('id', SupportIdPipe) id: string,
    @Body() body: ReopenSupportCaseBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'ReopenSupportCase' }, headers, caller, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The support case as your role may see it (ETag: revision); the read is recorded' })
  async view(@Param('id', SupportIdPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.reader.read<SupportCaseEvent, SupportCaseState>('support_case', id, supportCasesContext.decider, caller);
    response.setHeader('ETag', `"${read.revision}"`);
    return supportCaseView(id, read);
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Event types, times and actors of the support case (no field values)' })
  async history(@Param('id', SupportIdPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await readCaseHistory(this.records, this.policy, 'support_case', id, caller);
    response.setHeader('ETag', `"${read.revision}"`);
    return { id, ...read };
  }

  private async run(id: string, command: SupportCaseCommand, headers: CommandHeaders, caller: Caller, response: Response) {
    try {
      const result = await this.commands.execute(supportCasesContext, {
        caseId: id,
        command,
        caller,
        expectedRevision: headers.expectedRevision,
        idempotencyKey: headers.idempotencyKey,
      });
      return commandAnswer(result, response);
    } catch (error) {
      throw await this.asSupportAnswer(error, id, command, caller);
    }
  }

  /**
   * A missing case answers as a hidden one would (the attempt is recorded like any denial); a
   * command on the case of an erased service user is a conflict, not a server error.
   */
  private async asSupportAnswer(error: unknown, id: string, command: SupportCaseCommand, caller: Caller): Promise<unknown> {
    if (error instanceof DomainError && error.code === 'case.not_found') {
      await this.policy.authorize(
        caller.principal,
        supportCasesContext.action(command),
        { kind: 'support_case', id, jurisdiction: 'VN', assignees: [], fields: {} },
        caller,
      );
      return new AccessDeniedError(404);
    }
    if (error instanceof SubjectErasedError) {
      return new DomainError(
        'invalid_state',
        'support_case.service_user_erased',
        'The service user’s data was erased; the case takes no new records',
        'Dữ liệu của người được hỗ trợ đã bị xóa; hồ sơ không nhận thêm thông tin mới',
      );
    }
    return error;
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { vnDate, type WorkingCalendar } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { deadlinesView } from '../../../../libs/penalties/src/domain/penalty-deadlines.js';
import type { PenaltyCommand, PenaltyEvent, PenaltyState } from '../../../../libs/penalties/src/domain/penalty-types.js';
import { PENALTY_REFERENCE } from '../../../../libs/penalties/src/domain/reference/procedure-rules.js';
import { penaltiesContext, type PenaltiesContext } from '../../../../libs/penalties/src/penalties-context.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { CaseController } from '../cases/case-controller.js';
import { ApiCommandHeaders } from '../cases/case-http.js';
import { CommandHeaders } from '../http/command-headers.js';
import { CALENDAR, JURISDICTIONS } from '../tokens.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { competenceLimitFor, officialPosition } from '../../../../libs/penalties/src/domain/penalty-decide-decision.js';
import { tableById } from '../../../../libs/penalties/src/domain/penalty-reference.js';
import { DomainError } from '../../../../libs/case-kernel/src/domain/decider.js';
import {
  ClosePenaltyCaseBody,
  DecidePenaltyBody,
  DeliverBody,
  OrderEnforcementBody,
  ReasonBody,
  RecordComplaintBody,
  RecordExplanationBody,
  RecordPaymentBody,
  RecordViolationBody,
  SubjectBody,
} from './penalty-bodies.js';

/** Administrative penalty cases (Decree 282/2025/NĐ-CP; Law on Handling Administrative Violations). */
@ApiTags('penalty-cases')
@ApiBearerAuth()
@Controller('penalty-cases')
export class PenaltiesController extends CaseController<PenaltyCommand, PenaltyEvent, PenaltyState> {
  protected readonly context: PenaltiesContext;

  constructor(
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(JURISDICTIONS) private readonly jurisdictions: JurisdictionDirectory,
  ) {
    super();
    this.context = penaltiesContext(calendar, PENALTY_REFERENCE);
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a violation (biên bản vi phạm hành chính) and the people penalised' })
  @ApiCommandHeaders(false)
  async record(
    @Body() b: RecordViolationBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    // Each person's subject id is minted by the server (the answer's case shows it); a request never names one.
    const people = b.people.map((p) => ({
      subjectId: null,
      fullName: p.fullName,
      idNumber: p.idNumber ?? null,
      address: p.address ?? null,
    }));
    const command: PenaltyCommand = {
      kind: 'record_violation',
      jurisdiction: b.jurisdiction,
      violationDate: b.violationDate,
      recordedOn: b.recordedOn,
      act: b.act,
      multiplePeopleAtOnce: b.multiplePeopleAtOnce ?? false,
      offenderType: b.offenderType,
      people,
      tipId: b.tipId ?? null,
      summary: b.summary ?? null,
    };
    return this.create(command, headers, caller, response);
  }

  @Post(':id/request-explanation')
  @HttpCode(200)
  @ApiOperation({ summary: 'A person on the record asks to explain (within 5 working days; art. 61)' })
  @ApiCommandHeaders(true)
  requestExplanation(
    @Param('id') id: string,
    @Body() b: SubjectBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'request_explanation', subjectId: b.subjectId }, h, caller, r);
  }

  @Post(':id/extend-explanation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Extend the explanation period once by 5 working days' })
  @ApiCommandHeaders(true)
  extendExplanation(
    @Param('id') id: string,
    @Body() b: ReasonBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'extend_explanation', reason: b.reason }, h, caller, r);
  }

  @Post(':id/record-explanation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the explanation received within the period' })
  @ApiCommandHeaders(true)
  recordExplanation(
    @Param('id') id: string,
    @Body() b: RecordExplanationBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(
      id,
      { kind: 'record_explanation', subjectId: b.subjectId, receivedOn: b.receivedOn, explanation: b.explanation },
      h,
      caller,
      r,
    );
  }

  @Post(':id/require-verification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Verification is needed: the time limit for deciding becomes 1 month from the record' })
  @ApiCommandHeaders(true)
  requireVerification(
    @Param('id') id: string,
    @Body() b: ReasonBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'require_verification', reason: b.reason }, h, caller, r);
  }

  @Post(':id/extend-decision-deadline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Especially complex case: extend the time limit for deciding once by 1 month' })
  @ApiCommandHeaders(true)
  extendDecisionDeadline(
    @Param('id') id: string,
    @Body() b: ReasonBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'extend_decision_deadline', reason: b.reason }, h, caller, r);
  }

  @Post(':id/decide')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Decide the penalty: sanctioning officials only, within the bracket, the competence limit of the position their identity holds (never stated in the body) and the time limits',
  })
  @ApiCommandHeaders(true)
  decide(
    @Param('id') id: string,
    @Body() b: DecidePenaltyBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    const sanctions = b.sanctions.map((s) => ({ subjectId: s.subjectId, sanction: s.sanction, amount: s.amount ?? null }));
    return this.run(
      id,
      { kind: 'decide', decisionNumber: b.decisionNumber, sanctions, additionalMeasures: b.additionalMeasures ?? [] },
      h,
      caller,
      r,
    );
  }

  @Post(':id/deliver')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record delivery of the decision (due within 2 working days)' })
  @ApiCommandHeaders(true)
  deliver(
    @Param('id') id: string,
    @Body() b: DeliverBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'deliver', deliveredOn: b.deliveredOn }, h, caller, r);
  }

  @Post(':id/record-payment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a fine paid, with the late fee computed on payment' })
  @ApiCommandHeaders(true)
  recordPayment(
    @Param('id') id: string,
    @Body() b: RecordPaymentBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'record_payment', subjectId: b.subjectId, paidOn: b.paidOn, amountPaid: b.amountPaid }, h, caller, r);
  }

  @Post(':id/order-enforcement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Order enforcement of an unpaid fine after the payment period' })
  @ApiCommandHeaders(true)
  orderEnforcement(
    @Param('id') id: string,
    @Body() b: OrderEnforcementBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'order_enforcement', subjectId: b.subjectId, measure: b.measure }, h, caller, r);
  }

  @Post(':id/record-complaint')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a complaint (within 90 days of delivery); the decision stays enforceable' })
  @ApiCommandHeaders(true)
  recordComplaint(
    @Param('id') id: string,
    @Body() b: RecordComplaintBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'record_complaint', subjectId: b.subjectId, receivedOn: b.receivedOn }, h, caller, r);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the case without a decision' })
  @ApiCommandHeaders(true)
  close(
    @Param('id') id: string,
    @Body() b: ClosePenaltyCaseBody,
    @CommandHeaders() h: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) r: Response,
  ) {
    return this.run(id, { kind: 'close', reason: b.reason }, h, caller, r);
  }

  @Get('reference-tables')
  @ApiOperation({ summary: 'The acts, fine brackets, competence limits and time limits in force, with their effective dates' })
  referenceTables() {
    return PENALTY_REFERENCE;
  }

  @Get(':id')
  @ApiOperation({ summary: 'The case, redacted by role, with its deadlines and where each stands today (ETag: revision)' })
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.readCase(id, caller, response);
    const deadlines = deadlinesView(read.state, this.calendar, PENALTY_REFERENCE.procedure, vnDate(new Date()));
    return {
      id,
      revision: read.revision,
      ...read.state,
      deadlines,
      yourCompetence: this.competenceOf(read.state, caller),
      redactedFields: read.redactedFields,
      erasedFields: read.erasedFields,
    };
  }

  /**
   * The position the caller's identity holds over this case and the limit it gives, as the decision
   * would apply them (null: the caller could not decide it). Shown before deciding; never chosen.
   */
  private competenceOf(state: PenaltyState, caller: Caller): { position: string; titleVi: string; titleEn: string; limit: number } | null {
    const table = state.referenceTable ? tableById(PENALTY_REFERENCE, state.referenceTable) : null;
    if (!table || !state.offenderType) return null;
    const grants = caller.principal.grants.filter((g) => this.jurisdictions.contains(g.scope, state.jurisdiction));
    try {
      const entry = officialPosition(table, {
        now: new Date(),
        actorId: caller.principal.userId,
        roles: grants.map((g) => g.role),
        grants,
        newId: () => '',
      });
      return { position: entry.position, titleVi: entry.titleVi, titleEn: entry.titleEn, limit: competenceLimitFor(entry, state, table) };
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Event types, times and actors of the case' })
  history(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.readHistory(id, caller, response);
  }
}

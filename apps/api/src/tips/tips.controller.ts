import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { caseIdFor } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { WorkingCalendar } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { tipDeadlines } from '../../../../libs/tips/src/domain/tip-deadlines.js';
import type { TipCommand, TipEvent, TipState } from '../../../../libs/tips/src/domain/tip-types.js';
import { tipsContext, type TipsContext } from '../../../../libs/tips/src/tips-context.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { CommandHeaders } from '../http/command-headers.js';
import { CALENDAR, JURISDICTION_TREE } from '../tokens.js';
import {
  AssignTipBody,
  ClassifyTipBody,
  CloseTipBody,
  ExtendVerificationBody,
  TipHandOverBody,
  TipNoteBody,
  NotifyProcuracyBody,
  NotifyReporterBody,
  ReceiveTipBody,
  RecordProsecutionFileBody,
  RecordProsecutionOutcomeBody,
  SuspendTipBody,
  TransferTipBody,
} from './tip-bodies.js';
import { CaseController } from '../cases/case-controller.js';
import { TipCommandDocs, TipIdPipe, tipView } from './tip-http.js';

/** Tips (tố giác, tin báo, kiến nghị khởi tố, phản ánh) from receipt to closing, against the legal time limits. */
@ApiTags('tips')
@ApiBearerAuth()
@Controller('tips')
export class TipsController extends CaseController<TipCommand, TipEvent, TipState> {
  protected readonly context: TipsContext;

  constructor(
    @Inject(CALENDAR) private readonly calendar: WorkingCalendar,
    @Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree,
  ) {
    super();
    this.context = tipsContext(calendar);
  }

  @Post()
  @HttpCode(201)
  @TipCommandDocs('Receive a tip (tiếp nhận); the legal clock starts at receivedAt', false)
  async receive(
    @Body() body: ReceiveTipBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const unit = this.tree.get(body.jurisdiction);
    if (!unit || unit.level === 'country')
      throw new BadRequestException(['jurisdiction must be the code of a province or commune in force']);
    const id = caseIdFor(caller.principal.userId, headers.idempotencyKey, 'tip');
    return this.run(id, { ...body, type: 'ReceiveTip', tipId: id }, headers, caller, response);
  }

  @Post(':id/classify')
  @HttpCode(200)
  @TipCommandDocs('Classify (phân loại); trafficking and minors escalate')
  classify(
    @Param('id', TipIdPipe) id: string,
    @Body() body: ClassifyTipBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'ClassifyTip' }, headers, caller, response);
  }

  @Post(':id/transfer')
  @HttpCode(200)
  @TipCommandDocs('Transfer to the competent agency (chuyển)')
  transfer(
    @Param('id', TipIdPipe) id: string,
    @Body() body: TransferTipBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'TransferTip' }, headers, caller, response);
  }

  @Post(':id/assign')
  @HttpCode(200)
  @TipCommandDocs('Assign to an officer (supervisors only)')
  assign(
    @Param('id', TipIdPipe) id: string,
    @Body() body: AssignTipBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'AssignTip' }, headers, caller, response);
  }

  @Post(':id/notify-procuracy')
  @HttpCode(200)
  @TipCommandDocs('Record the notice to the procuracy (within 3 days of receipt)')
  notifyProcuracy(
    @Param('id', TipIdPipe) id: string,
    @Body() body: NotifyProcuracyBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'NotifyProcuracy' }, headers, caller, response);
  }

  @Post(':id/notify-reporter')
  @HttpCode(200)
  @TipCommandDocs('Record the notice to the reporter (within 3 working days of receipt)')
  notifyReporter(
    @Param('id', TipIdPipe) id: string,
    @Body() body: NotifyReporterBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'NotifyReporter' }, headers, caller, response);
  }

  @Post(':id/start-verification')
  @HttpCode(200)
  @TipCommandDocs('Start verifying (kiểm tra, xác minh)')
  startVerification(
    @Param('id', TipIdPipe) id: string,
    @Body() body: TipNoteBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'StartVerification' }, headers, caller, response);
  }

  @Post(':id/extend')
  @HttpCode(200)
  @TipCommandDocs('Extend the verification limit (CPC 2015 art. 147(2))')
  extend(
    @Param('id', TipIdPipe) id: string,
    @Body() body: ExtendVerificationBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'ExtendVerification' }, headers, caller, response);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @TipCommandDocs('Suspend settling once the limit has run, on a listed ground (CPC 2015 art. 148)')
  suspend(
    @Param('id', TipIdPipe) id: string,
    @Body() body: SuspendTipBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'SuspendTip' }, headers, caller, response);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @TipCommandDocs('Resume settling; one month runs from now (CPC 2015 art. 149)')
  resume(
    @Param('id', TipIdPipe) id: string,
    @Body() body: TipNoteBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'ResumeTip' }, headers, caller, response);
  }

  @Post(':id/close')
  @HttpCode(200)
  @TipCommandDocs('Close with an outcome; passed_to_administrative_handling requests a penalty case')
  close(
    @Param('id', TipIdPipe) id: string,
    @Body() body: CloseTipBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'CloseTip' }, headers, caller, response);
  }

  @Post(':id/hand-over')
  @HttpCode(200)
  @TipCommandDocs('Record the handover of the file to the sanctioning official (within 3 days of closing)')
  handOver(
    @Param('id', TipIdPipe) id: string,
    @Body() body: TipHandOverBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'HandOverToSanctioningOfficial' }, headers, caller, response);
  }

  @Post(':id/prosecution-file')
  @HttpCode(200)
  @TipCommandDocs(
    'Record the case file sent to the procuracy recommending prosecution (only after closing with criminal_case_opened; once)',
  )
  recordProsecutionFile(
    @Param('id', TipIdPipe) id: string,
    @Body() body: RecordProsecutionFileBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'RecordProsecutionFile' }, headers, caller, response);
  }

  @Post(':id/prosecution-outcome')
  @HttpCode(200)
  @TipCommandDocs('Record the procuracy’s decision on the file sent for prosecution, and whether it was made lawfully (once)')
  recordProsecutionOutcome(
    @Param('id', TipIdPipe) id: string,
    @Body() body: RecordProsecutionOutcomeBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { ...body, type: 'RecordProsecutionOutcome' }, headers, caller, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The tip as your role may see it, with every legal deadline (due time, met/overdue/pending at the read time)' })
  async view(@Param('id', TipIdPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.readCase(id, caller, response);
    return tipView(id, read, tipDeadlines(read.state, this.calendar, new Date()));
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Event types, times and actors of the tip' })
  history(@Param('id', TipIdPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.readHistory(id, caller, response);
  }
}

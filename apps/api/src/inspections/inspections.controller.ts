import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { InspectionCommand, InspectionEvent, InspectionState } from '../../../../libs/inspections/src/domain/inspection.js';
import { inspectionsContext } from '../../../../libs/inspections/src/inspections-context.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { CaseController } from '../cases/case-controller.js';
import { ApiCommandHeaders } from '../cases/case-http.js';
import { CommandHeaders } from '../http/command-headers.js';
import { CloseInspectionBody, ConductInspectionBody, LinkInspectionPenaltyBody, PlanInspectionBody } from './inspection-bodies.js';

/** Checks by the interdisciplinary team Đội 178 (Decree 178/2004/NĐ-CP). */
@ApiTags('inspections')
@ApiBearerAuth()
@Controller('inspections')
export class InspectionsController extends CaseController<InspectionCommand, InspectionEvent, InspectionState> {
  protected readonly context = inspectionsContext;

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Plan a scheduled or unannounced check of an establishment' })
  @ApiCommandHeaders(false)
  async plan(
    @Body() body: PlanInspectionBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command: InspectionCommand = {
      kind: 'plan',
      establishmentId: body.establishmentId,
      jurisdiction: body.jurisdiction,
      mode: body.mode,
      triggeringTipId: body.triggeringTipId ?? null,
      plannedDate: body.plannedDate,
    };
    return this.create(command, headers, caller, response);
  }

  @Post(':id/conduct')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the check: the team (≥ 3 members) and the findings' })
  @ApiCommandHeaders(true)
  conduct(
    @Param('id') id: string,
    @Body() body: ConductInspectionBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    // Each member's subject id is minted by the server: a request never names a data subject.
    const members = body.members.map((m) => ({ agency: m.agency, name: m.name, subjectId: null }));
    return this.run(
      id,
      {
        kind: 'conduct',
        conductedOn: body.conductedOn,
        members,
        findings: body.findings,
        violationDescription: body.violationDescription ?? null,
      },
      headers,
      caller,
      response,
    );
  }

  @Post(':id/link-penalty-case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link the penalty case opened on the violations found' })
  @ApiCommandHeaders(true)
  linkPenaltyCase(
    @Param('id') id: string,
    @Body() body: LinkInspectionPenaltyBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'link_penalty_case', penaltyCaseId: body.penaltyCaseId }, headers, caller, response);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close a conducted inspection' })
  @ApiCommandHeaders(true)
  close(
    @Param('id') id: string,
    @Body() body: CloseInspectionBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'close', note: body.note ?? null }, headers, caller, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The inspection, redacted by role (ETag: revision)' })
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.readCase(id, caller, response);
    return { id, revision: read.revision, ...read.state, redactedFields: read.redactedFields, erasedFields: read.erasedFields };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Event types, times and actors of the inspection' })
  history(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.readHistory(id, caller, response);
  }
}

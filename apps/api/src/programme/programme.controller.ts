import { Body, Controller, Get, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { caseIdFor, type CaseCommands } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { CaseReader } from '../../../../libs/case-kernel/src/application/case-reader.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type { ProgrammeCommand, ProgrammeEvent, ProgrammeState } from '../../../../libs/programme/src/domain/programme-types.js';
import { programmeContext } from '../../../../libs/programme/src/programme-context.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { ApiCommandHeaders, commandAnswer, readCaseHistory } from '../cases/case-http.js';
import { CommandHeaders } from '../http/command-headers.js';
import { CASE_COMMANDS, CASE_READER, CASE_RECORDS, JURISDICTION_TREE, POLICY_POINT } from '../tokens.js';
import {
  AdoptPlanBody,
  CommunicationBody,
  EndPilotModelBody,
  IntegrationBody,
  PilotModelBody,
  ReferenceFiguresBody,
  RetractBody,
  RevisePlanBody,
  TrainingBody,
  WebsitePostBody,
  WithdrawPlanBody,
} from './programme-bodies.js';
import { assertAreaInside, toAdoptPlan, toFigures, toParticipants, toRevisePlan } from './programme-commands.js';

/**
 * Programme activities (issue 6): plans with their targets and reporting calendars, and the
 * activities the plans count — communication, trainings, integration, pilot models, website
 * posts — with the reference figures the shares are taken of. Recorded by programme officers in
 * their jurisdiction; statisticians (who query the figures) and auditors only read them.
 */
@ApiTags('programme')
@ApiBearerAuth()
@Controller('programme')
export class ProgrammeController {
  constructor(
    @Inject(CASE_COMMANDS) private readonly commands: CaseCommands,
    @Inject(CASE_READER) private readonly reader: CaseReader,
    @Inject(CASE_RECORDS) private readonly records: CaseRecords,
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree,
  ) {}

  @Post('plans')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a plan adopted, with its area, targets and reporting calendar' })
  @ApiCommandHeaders(false)
  adoptPlan(
    @Body() body: AdoptPlanBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command = toAdoptPlan(body);
    assertAreaInside(command.area, command.jurisdiction, this.tree);
    return this.create(command, headers, caller, response);
  }

  @Post('plans/:id/revise')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revise a plan’s targets or reporting calendar' })
  @ApiCommandHeaders(true)
  revisePlan(
    @Param('id') id: string,
    @Body() body: RevisePlanBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, toRevisePlan(body), headers, caller, response);
  }

  @Post('plans/:id/withdraw')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a plan' })
  @ApiCommandHeaders(true)
  withdrawPlan(
    @Param('id') id: string,
    @Body() body: WithdrawPlanBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'withdraw_plan', withdrawnOn: body.withdrawnOn, reason: body.reason }, headers, caller, response);
  }

  @Post('communications')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a communication activity: audience, people reached, villages' })
  @ApiCommandHeaders(false)
  communication(
    @Body() body: CommunicationBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const { jurisdiction, heldOn, form, audience, reach, recurring } = body;
    return this.create(
      { kind: 'record_communication', jurisdiction, heldOn, form, audience, reach, recurring, villages: body.villages ?? [] },
      headers,
      caller,
      response,
    );
  }

  @Post('trainings')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a training, with the staff trained per level' })
  @ApiCommandHeaders(false)
  training(
    @Body() body: TrainingBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.create(
      {
        kind: 'record_training',
        jurisdiction: body.jurisdiction,
        heldOn: body.heldOn,
        topic: body.topic,
        participants: toParticipants(body.participants),
      },
      headers,
      caller,
      response,
    );
  }

  @Post('integrations')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record the task integrated into socio-economic (and related) programmes' })
  @ApiCommandHeaders(false)
  integration(
    @Body() body: IntegrationBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.create(
      {
        kind: 'record_integration',
        jurisdiction: body.jurisdiction,
        recordedOn: body.recordedOn,
        programmes: [...body.programmes],
        documentRef: body.documentRef ?? null,
      },
      headers,
      caller,
      response,
    );
  }

  @Post('pilot-models')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a pilot model started' })
  @ApiCommandHeaders(false)
  startPilotModel(
    @Body() body: PilotModelBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.create(
      { kind: 'start_pilot_model', jurisdiction: body.jurisdiction, startedOn: body.startedOn, modelKind: body.modelKind, name: body.name },
      headers,
      caller,
      response,
    );
  }

  @Post('pilot-models/:id/end')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a pilot model ended' })
  @ApiCommandHeaders(true)
  endPilotModel(
    @Param('id') id: string,
    @Body() body: EndPilotModelBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'end_pilot_model', endedOn: body.endedOn, reason: body.reason }, headers, caller, response);
  }

  @Post('website-posts')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a post on the topic on the unit’s website' })
  @ApiCommandHeaders(false)
  websitePost(
    @Body() body: WebsitePostBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.create(
      { kind: 'record_website_post', jurisdiction: body.jurisdiction, publishedOn: body.publishedOn, title: body.title, url: body.url },
      headers,
      caller,
      response,
    );
  }

  @Post('reference-figures')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record reference figures (staff, workers, students, villages) of an area, as of a day' })
  @ApiCommandHeaders(false)
  referenceFigures(
    @Body() body: ReferenceFiguresBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    assertAreaInside({ era: 'current', units: body.area, label: 'area' }, body.jurisdiction, this.tree);
    return this.create(
      {
        kind: 'record_reference_figures',
        jurisdiction: body.jurisdiction,
        area: [...body.area],
        asOf: body.asOf,
        figures: toFigures(body.figures),
      },
      headers,
      caller,
      response,
    );
  }

  @Post('activities/:id/retract')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retract a record made in error (statistics leave it out)' })
  @ApiCommandHeaders(true)
  retract(
    @Param('id') id: string,
    @Body() body: RetractBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'retract', retractedOn: body.retractedOn, reason: body.reason }, headers, caller, response);
  }

  @Get('activities/:id')
  @ApiOperation({ summary: 'A plan or activity as recorded, with its revisions applied (ETag: revision)' })
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.reader.read<ProgrammeEvent, ProgrammeState>('programme_activity', id, programmeContext.decider, caller);
    response.setHeader('ETag', `"${read.revision}"`);
    return { id, revision: read.revision, ...read.state, redactedFields: read.redactedFields, erasedFields: read.erasedFields };
  }

  @Get('activities/:id/history')
  @ApiOperation({ summary: 'Event types, times and actors of a plan or activity' })
  async history(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await readCaseHistory(this.records, this.policy, 'programme_activity', id, caller);
    response.setHeader('ETag', `"${read.revision}"`);
    return { id, ...read };
  }

  private async create(command: ProgrammeCommand, headers: CommandHeaders, caller: Caller, response: Response) {
    const caseId = caseIdFor(caller.principal.userId, headers.idempotencyKey, 'programme_activity');
    return commandAnswer(await this.commands.execute(programmeContext, { caseId, command, caller, ...headers }), response);
  }

  private async run(caseId: string, command: ProgrammeCommand, headers: CommandHeaders, caller: Caller, response: Response) {
    return commandAnswer(await this.commands.execute(programmeContext, { caseId, command, caller, ...headers }), response);
  }
}

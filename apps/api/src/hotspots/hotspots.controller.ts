import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { HotspotCommand, HotspotEvent, HotspotState } from '../../../../libs/hotspots/src/domain/hotspot.js';
import { hotspotsContext } from '../../../../libs/hotspots/src/hotspots-context.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { CaseController } from '../cases/case-controller.js';
import { ApiCommandHeaders } from '../cases/case-http.js';
import { CommandHeaders } from '../http/command-headers.js';
import { EradicateHotspotBody, IdentifyHotspotBody, ReactivateHotspotBody, StartTreatmentBody } from './hotspot-bodies.js';

/** Complex spots (điểm phức tạp): identified, treated, eradicated, re-activated. */
@ApiTags('hotspots')
@ApiBearerAuth()
@Controller('hotspots')
export class HotspotsController extends CaseController<HotspotCommand, HotspotEvent, HotspotState> {
  protected readonly context = hotspotsContext;

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Identify a hotspot' })
  @ApiCommandHeaders(false)
  async identify(
    @Body() body: IdentifyHotspotBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command: HotspotCommand = {
      kind: 'identify',
      jurisdiction: body.jurisdiction,
      hotspotKind: body.kind,
      locationDescription: body.locationDescription,
      identifiedOn: body.identifiedOn,
    };
    return this.create(command, headers, caller, response);
  }

  @Post(':id/start-treatment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start treating an identified or re-activated hotspot, with a plan' })
  @ApiCommandHeaders(true)
  startTreatment(
    @Param('id') id: string,
    @Body() body: StartTreatmentBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'start_treatment', plan: body.plan, startedOn: body.startedOn }, headers, caller, response);
  }

  @Post(':id/eradicate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record a hotspot under treatment as eradicated (triệt xóa)' })
  @ApiCommandHeaders(true)
  eradicate(
    @Param('id') id: string,
    @Body() body: EradicateHotspotBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'eradicate', eradicatedOn: body.eradicatedOn }, headers, caller, response);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record an eradicated hotspot as re-activated (tái hoạt động)' })
  @ApiCommandHeaders(true)
  reactivate(
    @Param('id') id: string,
    @Body() body: ReactivateHotspotBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'reactivate', reactivatedOn: body.reactivatedOn, reason: body.reason }, headers, caller, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The hotspot with the history of its status periods (ETag: revision)' })
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.readCase(id, caller, response);
    return { id, revision: read.revision, ...read.state, redactedFields: read.redactedFields, erasedFields: read.erasedFields };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Event types, times and actors of the hotspot' })
  history(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.readHistory(id, caller, response);
  }
}

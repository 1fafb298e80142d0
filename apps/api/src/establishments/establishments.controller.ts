import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type {
  EstablishmentCommand,
  EstablishmentEvent,
  EstablishmentState,
} from '../../../../libs/establishments/src/domain/establishment.js';
import { establishmentsContext } from '../../../../libs/establishments/src/establishments-context.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { CommandHeaders } from '../http/command-headers.js';
import { CaseController } from '../cases/case-controller.js';
import { ApiCommandHeaders } from '../cases/case-http.js';
import {
  ClassifyRiskBody,
  CloseEstablishmentBody,
  LinkInspectionBody,
  LinkPenaltyCaseBody,
  RegisterEstablishmentBody,
  SignCommitmentBody,
} from './establishment-bodies.js';

/** The registry of establishments easily misused for prostitution (karaoke, massage, hotels, guesthouses, bars, dim-light cafés). */
@ApiTags('establishments')
@ApiBearerAuth()
@Controller('establishments')
export class EstablishmentsController extends CaseController<EstablishmentCommand, EstablishmentEvent, EstablishmentState> {
  protected readonly context = establishmentsContext;

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Register an establishment in its commune’s registry' })
  @ApiCommandHeaders(false)
  async register(
    @Body() body: RegisterEstablishmentBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const command: EstablishmentCommand = {
      kind: 'register',
      commune: body.commune,
      establishmentType: body.type,
      businessName: body.businessName,
      address: body.address,
      businessLicenceNumber: body.businessLicenceNumber ?? null,
      securityPermitNumber: body.securityPermitNumber ?? null,
      // The owner's subject id is always minted by the server: a request never names a data subject.
      ownerSubjectId: null,
      ownerName: body.ownerName,
      ownerContact: body.ownerContact,
    };
    return this.create(command, headers, caller, response);
  }

  @Post(':id/classify-risk')
  @HttpCode(200)
  @ApiOperation({ summary: 'Assign (or change) the risk class, with the reason' })
  @ApiCommandHeaders(true)
  classifyRisk(
    @Param('id') id: string,
    @Body() body: ClassifyRiskBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'classify_risk', riskClass: body.riskClass, reason: body.reason }, headers, caller, response);
  }

  @Post(':id/sign-commitment')
  @HttpCode(200)
  @ApiOperation({ summary: 'Record the owner’s commitment signed with the commune People’s Committee' })
  @ApiCommandHeaders(true)
  signCommitment(
    @Param('id') id: string,
    @Body() body: SignCommitmentBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'sign_commitment', signedOn: body.signedOn, commune: body.commune }, headers, caller, response);
  }

  @Post(':id/link-inspection')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link an inspection of this establishment to its dossier' })
  @ApiCommandHeaders(true)
  linkInspection(
    @Param('id') id: string,
    @Body() body: LinkInspectionBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'link_inspection', inspectionId: body.inspectionId }, headers, caller, response);
  }

  @Post(':id/link-penalty-case')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link a penalty case about this establishment to its dossier' })
  @ApiCommandHeaders(true)
  linkPenaltyCase(
    @Param('id') id: string,
    @Body() body: LinkPenaltyCaseBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'link_penalty_case', penaltyCaseId: body.penaltyCaseId }, headers, caller, response);
  }

  @Post(':id/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the establishment’s registry entry' })
  @ApiCommandHeaders(true)
  close(
    @Param('id') id: string,
    @Body() body: CloseEstablishmentBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'close', closedOn: body.closedOn, reason: body.reason }, headers, caller, response);
  }

  @Get(':id')
  @ApiOperation({ summary: 'The establishment’s dossier, redacted by role (ETag: revision)' })
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.readCase(id, caller, response);
    return { id, revision: read.revision, ...read.state, redactedFields: read.redactedFields, erasedFields: read.erasedFields };
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Event types, times and actors of the establishment’s dossier' })
  history(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    return this.readHistory(id, caller, response);
  }
}

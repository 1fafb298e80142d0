import { CaseController } from '../cases/case-controller.js';
import { BadRequestException, Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import { CaseSummaries } from '../../../../libs/case-kernel/src/application/case-summaries.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import type { ProviderCommand, ProviderEvent, ProviderState } from '../../../../libs/providers/src/domain/provider.js';
import { providerSummaries, providersContext } from '../../../../libs/providers/src/providers-context.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';

import { CommandHeaders } from '../http/command-headers.js';
import { SupportCommandDocs, SupportReadDocs } from '../outreach/support-http-docs.js';
import { DATABASE_POOL, EVENT_STORE, JURISDICTION_TREE, JURISDICTIONS } from '../tokens.js';
import {
  ChangeDetailsBody,
  ChangeServicesBody,
  DeactivateProviderBody,
  EmptyBody,
  ListProvidersQuery,
  RegisterProviderBody,
} from './provider-bodies.js';

/**
 * The directory of service providers (health stations, social-assistance centres, vocational
 * schools, the Social Policy Bank, legal-aid centres, NGOs) with their services and area. Kept by
 * support supervisors, read by social workers; part of the support compartment, so unknown to
 * enforcement roles (404).
 */
@ApiTags('providers')
@ApiBearerAuth()
@Controller('providers')
export class ProvidersController extends CaseController<ProviderCommand, ProviderEvent, ProviderState> {
  protected readonly context = providersContext;
  private readonly summaries: CaseSummaries;

  constructor(
    @Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree,
    @Inject(JURISDICTIONS) private readonly jurisdictions: JurisdictionDirectory,
    @Inject(DATABASE_POOL) pool: pg.Pool,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    super();
    this.summaries = new CaseSummaries(pool, store, providerSummaries);
  }

  @Post()
  @HttpCode(201)
  @SupportCommandDocs('Register a provider with its services and area (support supervisors)', false)
  async register(
    @Body() body: RegisterProviderBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    const level = this.tree.get(body.jurisdiction)?.level;
    if (level !== 'province' && level !== 'commune')
      throw new BadRequestException(['jurisdiction must be the code of a province or commune in force']);
    const command: ProviderCommand = {
      kind: 'register',
      name: body.name,
      providerType: body.providerType,
      services: body.services,
      jurisdiction: body.jurisdiction,
      contact: body.contact,
    };
    return this.create(command, headers, caller, response);
  }

  @Get()
  @SupportReadDocs('Active providers you may see, filtered by service and by the area they serve')
  async list(@Query() query: ListProvidersQuery, @CurrentCaller() caller: Caller) {
    const rows = await this.summaries.readable(this.policy, this.jurisdictions, caller);
    const place = query.jurisdiction;
    const active = query.active ?? true;
    const entries = rows
      .filter((row) => row.summary.active === active)
      .filter((row) => !query.service || (row.summary.services as string[]).includes(query.service))
      .filter((row) => !place || this.tree.contains(row.jurisdiction, place) || this.tree.contains(place, row.jurisdiction))
      .slice(0, query.limit ?? 100)
      .map((row) => ({ id: row.id, jurisdiction: row.jurisdiction, revision: row.revision, ...row.summary }));
    return { entries };
  }

  @Post(':id/services')
  @HttpCode(200)
  @SupportCommandDocs('Replace the services the provider gives')
  changeServices(
    @Param('id') id: string,
    @Body() body: ChangeServicesBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'change_services', services: body.services }, headers, caller, response);
  }

  @Post(':id/details')
  @HttpCode(200)
  @SupportCommandDocs('Change the provider’s name and organisation contact')
  changeDetails(
    @Param('id') id: string,
    @Body() body: ChangeDetailsBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'change_details', name: body.name, contact: body.contact }, headers, caller, response);
  }

  @Post(':id/deactivate')
  @HttpCode(200)
  @SupportCommandDocs('Take the provider out of the directory (inactive), with a reason')
  deactivate(
    @Param('id') id: string,
    @Body() body: DeactivateProviderBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'deactivate', reason: body.reason }, headers, caller, response);
  }

  @Post(':id/reactivate')
  @HttpCode(200)
  @SupportCommandDocs('Bring an inactive provider back into the directory')
  reactivate(
    @Param('id') id: string,
    @Body() _body: EmptyBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.run(id, { kind: 'reactivate' }, headers, caller, response);
  }

  @Get(':id')
  @SupportReadDocs('The provider (ETag: revision)')
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.readCase(id, caller, response);
    const { registered: _registered, ...state } = read.state;
    return { id, revision: read.revision, ...state, redactedFields: read.redactedFields, erasedFields: read.erasedFields };
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, ParseEnumPipe, Post } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import { whoViewed } from '../../../../libs/access/src/application/break-glass-reviews.js';
import { AccessDeniedError, type PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import type { Action, ResourceDescriptor, ResourceKind } from '../../../../libs/access/src/domain/resources.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { APP_CONFIG, CASE_RECORDS, EVENT_STORE, POLICY_POINT } from '../tokens.js';

export enum CaseKind {
  tip = 'tip',
  establishment = 'establishment',
  inspection = 'inspection',
  hotspot = 'hotspot',
  penalty_case = 'penalty_case',
  support_case = 'support_case',
}

const kindPipe = new ParseEnumPipe(CaseKind);
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SUPERVISING_ROLES = ['police_supervisor', 'support_supervisor', 'auditor'];

export class BreakGlassBody {
  @ApiProperty({ example: 'child_protection', description: 'Purpose code (lower case, underscores)' })
  @Matches(/^[a-z][a-z_]{1,49}$/)
  purposeCode!: string;
  @ApiProperty({ example: 'Law on Personal Data Protection 2025, art. 19', minLength: 3, maxLength: 300 })
  @IsString()
  @MinLength(3)
  @MaxLength(300)
  legalBasis!: string;
  @ApiProperty({ example: 'Urgent risk to the person reported by the health station', minLength: 10, maxLength: 2000 })
  @IsString()
  @MinLength(10)
  @MaxLength(2000)
  reason!: string;
}

/** Case views through the policy point; the case kinds' own routes (issues 4 and 5) reuse the same path. */
@Controller('cases/:kind/:id')
export class CasesController {
  constructor(
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(CASE_RECORDS) private readonly records: CaseRecords,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async view(@Param('kind', kindPipe) kind: CaseKind, @Param('id') id: string, @CurrentCaller() caller: Caller) {
    const found = await this.authorized(kind, id, 'read', caller);
    const decision = await this.policy.authorize(caller.principal, 'read', found.resource, caller);
    return this.records.view(kind as ResourceKind, id, found.events, decision);
  }

  /** Who viewed this case: for the people it is assigned to, supervisors and auditors. */
  @Get('viewers')
  async viewers(@Param('kind', kindPipe) kind: CaseKind, @Param('id') id: string, @CurrentCaller() caller: Caller) {
    const found = await this.authorized(kind, id, 'read', caller);
    const decision = await this.policy.authorize(caller.principal, 'read', { ...found.resource, fields: {} }, caller);
    const owner = found.resource.assignees.includes(caller.principal.userId);
    if (!owner && !SUPERVISING_ROLES.includes(decision.role)) throw new AccessDeniedError(kind === CaseKind.support_case ? 404 : 403);
    return { viewers: await whoViewed(this.store, kind as ResourceKind, id) };
  }

  @Post('break-glass')
  @HttpCode(201)
  async breakGlass(
    @Param('kind', kindPipe) kind: CaseKind,
    @Param('id') id: string,
    @Body() body: BreakGlassBody,
    @CurrentCaller() caller: Caller,
  ) {
    const found = await this.authorized(kind, id, 'read', caller);
    const opened = await this.policy.breakGlass(caller.principal, found.resource, {
      ...caller,
      ...body,
      minutes: this.config.breakGlassMinutes,
    });
    return { grantId: opened.grantId, expiresAt: opened.expiresAt };
  }

  /**
   * Loads the case's descriptor. A missing case is answered exactly as a case the caller may not
   * see would be, and the attempt is recorded, so probing ids reveals nothing.
   */
  private async authorized(kind: CaseKind, id: string, action: Action, caller: Caller) {
    const found = ID.test(id) ? await this.records.describe(kind as ResourceKind, id) : null;
    if (found) return found;
    // Placed at the root: only a caller who could see such a case anywhere learns it does not exist.
    const unknown: ResourceDescriptor = {
      kind: kind as ResourceKind,
      id: ID.test(id) ? id : 'invalid',
      jurisdiction: 'VN',
      assignees: [],
      fields: {},
    };
    await this.policy.authorize(caller.principal, action, unknown, caller);
    throw new AccessDeniedError(404);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import type { AccessLogReadModel } from '../../../../libs/access/src/application/access-log.js';
import type { BreakGlassReviews } from '../../../../libs/access/src/application/break-glass-reviews.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { RESOURCE_KINDS } from '../../../../libs/access/src/domain/resources.js';
import { ACCESS_LOG, BREAK_GLASS_REVIEWS, JURISDICTIONS, POLICY_POINT } from '../tokens.js';
import type { JurisdictionDirectory } from './jurisdiction-directory.js';
import { CurrentCaller, type Caller } from './request-context.js';

export class AccessLogQuery {
  @ApiPropertyOptional({ description: 'Who accessed' }) @IsOptional() @IsString() @MaxLength(100) actorId?: string;
  @ApiPropertyOptional({ enum: RESOURCE_KINDS }) @IsOptional() @IsIn(RESOURCE_KINDS) resourceKind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) resourceId?: string;
  @ApiPropertyOptional({ enum: ['allow', 'deny'] }) @IsOptional() @IsIn(['allow', 'deny']) decision?: 'allow' | 'deny';
  @ApiPropertyOptional({ enum: ['access.granted', 'access.denied', 'access.sign_in_failed', 'access.break_glass_opened'] })
  @IsOptional()
  @IsIn(['access.granted', 'access.denied', 'access.sign_in_failed', 'access.break_glass_opened'])
  type?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsISO8601() to?: string;
  /** Jurisdiction to look into; default: the caller's scope. */
  @ApiPropertyOptional({ example: '01', description: "Jurisdiction to look into; default: the caller's scope" })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,8}$/)
  jurisdiction?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

export class BreakGlassReviewBody {
  @ApiProperty({ enum: ['justified', 'not_justified'] }) @IsIn(['justified', 'not_justified']) outcome!: 'justified' | 'not_justified';
  @ApiProperty({ example: 'Purpose and legal basis match the case file.', maxLength: 2000 }) @IsString() @MaxLength(2000) note!: string;
}

/** Access audit for auditors and data-protection officers; notifications for record owners. */
@Controller()
export class AccessLogController {
  constructor(
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLogReadModel,
    @Inject(BREAK_GLASS_REVIEWS) private readonly reviews: BreakGlassReviews,
    @Inject(JURISDICTIONS) private readonly jurisdictions: JurisdictionDirectory,
  ) {}

  @Get('access-log')
  async query(@Query() query: AccessLogQuery, @CurrentCaller() caller: Caller) {
    const scope = query.jurisdiction ?? this.widestScope(caller);
    await this.policy.authorize(
      caller.principal,
      'list',
      { kind: 'access_log', id: null, jurisdiction: scope, assignees: [], fields: {} },
      caller,
    );
    const { jurisdiction: _, limit, ...filters } = query;
    return { entries: await this.accessLog.query({ ...filters, jurisdictions: this.jurisdictions.within(scope), limit: limit ?? 100 }) };
  }

  @Get('access-log/break-glass/pending')
  async pending(@CurrentCaller() caller: Caller) {
    return { entries: await this.reviews.pending(caller.principal, caller, this.jurisdictions.within(this.widestScope(caller))) };
  }

  @Post('access-log/break-glass/:grantId/review')
  @HttpCode(200)
  async review(
    @Param('grantId', new ParseUUIDPipe()) grantId: string,
    @Body() body: BreakGlassReviewBody,
    @CurrentCaller() caller: Caller,
  ) {
    return this.reviews.review(caller.principal, grantId, body.outcome, body.note, caller);
  }

  /** Break-glass openings of records the caller owns. */
  @Get('me/notifications')
  async notifications(@CurrentCaller() caller: Caller) {
    await this.accessLog.catchUp();
    return {
      entries: await this.accessLog.query({
        ownerId: caller.principal.userId,
        type: 'access.break_glass_opened',
        jurisdictions: null,
        limit: 100,
      }),
    };
  }

  @Get('me')
  me(@CurrentCaller() caller: Caller) {
    return { userId: caller.principal.userId, grants: caller.principal.grants };
  }

  private widestScope(caller: Caller): string {
    const scopes = caller.principal.grants.map((g) => g.scope);
    return scopes.find((s) => s === 'VN') ?? scopes.sort((a, b) => a.length - b.length)[0] ?? 'VN';
  }
}

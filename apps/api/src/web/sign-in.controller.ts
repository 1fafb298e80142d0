import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Post } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { tokenSettings } from '../../../../libs/access/src/auth/token-settings.js';
import { issueLocalToken, maxTokenLifetimeSeconds, type TokenSettings } from '../../../../libs/access/src/auth/tokens.js';
import { POSITION_CODE, ROLES, type Role } from '../../../../libs/access/src/domain/roles.js';
import { vnDate } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { positionsHeldBy } from '../../../../libs/penalties/src/domain/penalty-decide-decision.js';
import { tableInForce } from '../../../../libs/penalties/src/domain/penalty-reference.js';
import { PENALTY_REFERENCE } from '../../../../libs/penalties/src/domain/reference/procedure-rules.js';
import type { AppConfig } from '../../../../libs/config/src/config.js';
import type { JurisdictionTree } from '../../../../libs/jurisdictions/src/domain/jurisdiction-tree.js';
import { Public } from '../access/public.decorator.js';
import { APP_CONFIG, JURISDICTION_TREE } from '../tokens.js';
import { signInMode, type SignInMode } from './sign-in-mode.js';

/** A demo token lives 8 hours, or the configured maximum token lifetime when that is shorter. */
const DEMO_TOKEN_SECONDS = 8 * 3600;

export class DemoTokenBody {
  @ApiProperty({ enum: ROLES, example: 'police_officer' })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ example: '10015', description: 'VN, a province or a commune code of the units loaded (the built-in set by default)' })
  @Matches(/^[A-Z0-9]{2,8}$/, { message: 'scope must be VN or a unit code such as 01 or 10015' })
  scope!: string;

  @ApiPropertyOptional({
    example: 'commune_people_committee_chair',
    description:
      'The official position the demo identity holds (sanctioning officials, police supervisors): one the role may hold at the scope’s level',
  })
  @IsOptional()
  @Matches(POSITION_CODE, { message: 'position must be a position code such as commune_people_committee_chair' })
  position?: string;

  @ApiPropertyOptional({ example: 'demo-police-officer-10015', description: 'Default: demo-<role>-<scope>' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.@-]{1,100}$/, { message: 'userId must be letters, digits, "_", ".", "@" or "-"' })
  userId?: string;
}

/**
 * How the web console signs in. `GET /auth/config` tells the page which way (and, for a demo, the
 * units to choose from); `POST /auth/demo-token` exists only in the all-in-one default listening
 * on a loopback address (sign-in-mode.ts) and answers 404 everywhere else, exactly like a route
 * that is not there.
 */
@ApiTags('auth')
@Controller('auth')
export class SignInController {
  private readonly mode: SignInMode;
  private settings: Promise<TokenSettings> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(JURISDICTION_TREE) private readonly tree: JurisdictionTree,
  ) {
    this.mode = signInMode(config);
  }

  @Public()
  @Get('config')
  @ApiOperation({
    summary: 'How the web console signs in: demo (all-in-one default), oidc (authorization code + PKCE at the identity provider) or token',
  })
  signInConfig() {
    const units =
      this.mode === 'demo'
        ? this.tree.units().map((u) => ({ code: u.code, level: u.level, name: u.name, nameEn: u.nameEn, parentCode: u.parentCode }))
        : null;
    return {
      signIn: this.mode,
      oidc: this.mode === 'oidc' ? this.config.oidc : null,
      demo: units ? { roles: ROLES, units, positions: currentPositions() } : null,
    };
  }

  @Public()
  @Post('demo-token')
  @HttpCode(201)
  // A local convenience of the all-in-one default, not part of the API's contract (and not a command: nothing is recorded).
  @ApiExcludeEndpoint()
  async demoToken(@Body() body: DemoTokenBody) {
    if (this.mode !== 'demo') throw new NotFoundException();
    if (!this.tree.has(body.scope)) throw new BadRequestException(['scope must be the code of a unit in force']);
    this.settings ??= tokenSettings(this.config);
    const userId = body.userId ?? `demo-${body.role.replace(/_/g, '-')}-${body.scope}`;
    if (body.position !== undefined) {
      const table = tableInForce(PENALTY_REFERENCE, vnDate(new Date()));
      if (!table || !positionsHeldBy(table, body.role, body.scope).some((e) => e.position === body.position)) {
        throw new BadRequestException([
          `position: ${body.role} cannot hold ${body.position} over ${body.scope} (commune positions need a commune, provincial ones a province)`,
        ]);
      }
    }
    const grants = [{ role: body.role, scope: body.scope, ...(body.position ? { position: body.position } : {}) }];
    const now = new Date();
    const settings = await this.settings;
    const ttlSeconds = Math.min(DEMO_TOKEN_SECONDS, maxTokenLifetimeSeconds(settings));
    const token = await issueLocalToken(settings, { subject: userId, grants, ttlSeconds }, now);
    return { token, userId, grants, expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString() };
  }
}

/** The positions of the table in force today, for the demo sign-in to offer: who may hold each, and at which levels. */
function currentPositions() {
  const table = tableInForce(PENALTY_REFERENCE, vnDate(new Date()));
  return (table?.competence ?? []).map((e) => ({
    position: e.position,
    titleVi: e.titleVi,
    titleEn: e.titleEn,
    statedBy: e.statedBy,
    heldAt: e.heldAt,
  }));
}

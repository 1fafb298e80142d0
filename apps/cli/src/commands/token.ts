import { issueLocalToken } from '../../../../libs/access/src/auth/tokens.js';
import { tokenSettings } from '../../../../libs/access/src/auth/token-settings.js';
import { isRole, ROLES, type RoleGrant } from '../../../../libs/access/src/domain/roles.js';
import { ConfigError, loadConfig } from '../../../../libs/config/src/config.js';
import { defineCommand, repeatable, UsageError, type CliContext } from '../command.js';
import { vnDate } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import { positionsHeldBy } from '../../../../libs/penalties/src/domain/penalty-decide-decision.js';
import { tableInForce } from '../../../../libs/penalties/src/domain/penalty-reference.js';
import { PENALTY_REFERENCE } from '../../../../libs/penalties/src/domain/reference/procedure-rules.js';

function positionCodes(): string {
  return (tableInForce(PENALTY_REFERENCE, vnDate(new Date()))?.competence ?? []).map((e) => e.position).join(', ');
}

interface TokenOptions {
  user?: string;
  role?: string[];
  scope?: string[];
  hours?: string;
  position?: string[];
}

export const tokenCommand = defineCommand<TokenOptions>({
  name: 'token',
  summary: 'Print a local bearer token: --user ID --role ROLE --scope CODE [--hours N]',
  declare: (command) =>
    command
      .usage('--user ID --role ROLE --scope CODE [--position POSITION] [--role ROLE --scope CODE ...] [--hours N]')
      .description(
        `Prints a signed bearer token for local use (the all-in-one default, or AUTH_JWT_SECRET).
Each --role pairs with the --scope at the same position. Scopes are unit codes: VN, a
province (01 = Hà Nội) or a commune (10015 = Chương Mỹ).`,
      )
      .option('--user <ID>', 'the user id the token is for (letters, digits, "_", ".", "@", "-")')
      .option('--role <ROLE>', 'a role (repeatable, one per --scope)', repeatable)
      .option('--scope <CODE>', 'the unit the --role at the same position holds: VN, a province or a commune (repeatable)', repeatable)
      .option(
        '--position <POSITION>',
        "the official position of a sanctioning official (or police supervisor), as an identity provider would state it: one per --role, or one for a single --role; it must exist at the scope's level (commune positions over a commune, provincial ones over a province)",
        repeatable,
      )
      .option(
        '--hours <N>',
        'how long the token lives: 8 by default, at most AUTH_MAX_TOKEN_LIFETIME_HOURS (12 by default: the API refuses longer)',
      )
      .addHelpText(
        'after',
        () => `
Positions: ${positionCodes()}

Roles: ${ROLES.join(', ')}

Example:
  curl -H "Authorization: Bearer $(npm run -s token -- --user officer-1 --role police_officer --scope 01)" \\
       http://127.0.0.1:3000/me`,
      ),
  async action(values, _operands, context: CliContext): Promise<number> {
    const roles = values.role ?? [];
    const scopes = values.scope ?? [];
    if (!values.user || !/^[A-Za-z0-9_.@-]{1,100}$/.test(values.user))
      throw new UsageError('--user: an id of letters, digits, "_", ".", "@" or "-"');
    if (roles.length === 0 || roles.length !== scopes.length)
      throw new UsageError('give each --role a --scope, e.g. --role police_officer --scope 01');
    const positions = values.position ?? [];
    if (positions.length > 0 && positions.length !== roles.length) throw new UsageError('give one --position per --role (or none)');
    const grants: RoleGrant[] = roles.map((role, i) => {
      if (!isRole(role)) throw new UsageError(`--role ${role}: one of ${ROLES.join(', ')}`);
      const scope = scopes[i]!;
      if (!/^[A-Z0-9]{2,8}$/.test(scope)) throw new UsageError(`--scope ${scope}: VN or a unit code such as 01 or 10015`);
      const position = positions[i];
      if (position === undefined || position === '') return { role, scope };
      const table = tableInForce(PENALTY_REFERENCE, vnDate(new Date()));
      if (!table || !positionsHeldBy(table, role, scope).some((e) => e.position === position)) {
        throw new UsageError(
          `--position ${position}: not one a ${role} can hold over ${scope} (commune positions need a commune scope, provincial ones a province); positions: ${positionCodes()}`,
        );
      }
      return { role, scope, position };
    });
    const hours = values.hours === undefined ? null : Number(values.hours);
    if (hours !== null && (!Number.isFinite(hours) || hours <= 0))
      throw new UsageError(`--hours ${values.hours}: a number of hours, more than 0`);
    let config;
    try {
      config = loadConfig(context.env, { isRoot: process.getuid?.() === 0, cwd: context.repoRoot });
    } catch (error) {
      if (error instanceof ConfigError) throw new UsageError(error.message);
      throw error;
    }
    const maxHours = config.auth.maxTokenLifetimeSeconds / 3600;
    if (hours !== null && Math.round(hours * 3600) > config.auth.maxTokenLifetimeSeconds) {
      throw new UsageError(
        `--hours ${values.hours}: at most ${maxHours}, the longest lifetime the API accepts (AUTH_MAX_TOKEN_LIFETIME_HOURS); it would refuse this token`,
      );
    }
    const settings = await tokenSettings(config);
    if (settings.keys.kind !== 'secret')
      throw new UsageError('this server verifies tokens from an identity provider (AUTH_JWKS_URL / AUTH_JWT_PUBLIC_KEY): sign in there');
    const ttlSeconds = hours === null ? Math.min(8 * 3600, config.auth.maxTokenLifetimeSeconds) : Math.max(1, Math.round(hours * 3600));
    context.out(await issueLocalToken(settings, { subject: values.user, grants, ttlSeconds }));
    return 0;
  },
});

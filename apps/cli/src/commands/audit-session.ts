import pg from 'pg';
import { CaseRecords, FieldSchemas } from '../../../../libs/access/src/application/case-records.js';
import type { RequestContext } from '../../../../libs/access/src/application/policy-point.js';
import { TokenRejectedError } from '../../../../libs/access/src/auth/tokens.js';
import { isRole, ROLES, type Principal, type RoleGrant } from '../../../../libs/access/src/domain/roles.js';
import type { ScanProgress } from '../../../../libs/audit/src/application/audit-log.js';
import type { AuditServices } from '../../../../libs/audit/src/infrastructure/audit-services.js';
import { ConfigError, loadConfig, type AppConfig } from '../../../../libs/config/src/config.js';
import { formatProgress } from '../../../../libs/demo-data/src/index.js';
import { buildAccessServices } from '../../../api/src/access/access-services.js';
import type { AccessServices } from '../../../api/src/app.module.js';
import { CASE_CONTEXTS, platformAuditServices } from '../../../api/src/audit/platform-audit.js';
import { openPlatformStorage } from '../../../api/src/platform-storage.js';
import type { Command as Program } from 'commander';
import { repeatable, UsageError, type CliContext } from '../command.js';

/** Exit code of an audit command that found the log, or a checkpoint, not intact. */
export const INTEGRITY_FAILURE = 3;

/** The options every audit command takes to say who is asking (repeat --role and --scope for several grants). */
export function callerOptions(command: Program): Program {
  return command
    .option('--token <TOKEN>', 'a bearer token (as from the token command or the identity provider)')
    .option('--user <ID>', "or the caller's id, with --role and --scope, as for the token command")
    .option('--role <ROLE>', 'a role of the caller (repeatable, one per --scope)', repeatable)
    .option('--scope <CODE>', 'the unit the --role at the same position holds (repeatable)', repeatable)
    .option('--purpose <CODE>', 'the stated purpose (default audit)');
}

/** After the options in every audit command's help. */
export const CALLER_HELP = `
Who asks: every access goes through the policy point and is recorded.

Environment (as for \`npm start\`): DATABASE_URL and MASTER_KEY, or the embedded PostgreSQL
under DATA_DIR; AUDIT_SIGNING_KEY (checkpoints; without it, a key generated under DATA_DIR).

Exit codes: 0 done, 1 failed (or access denied), 2 bad usage, ${INTEGRITY_FAILURE} the log or a checkpoint does not verify.`;

export interface CallerArguments {
  token?: string;
  user?: string;
  role?: string[];
  scope?: string[];
  purpose?: string;
}

export function configFrom(context: CliContext): AppConfig {
  try {
    return loadConfig(context.env, { isRoot: process.getuid?.() === 0, cwd: context.repoRoot });
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
}

function grantsFrom(args: CallerArguments): Principal {
  const roles = args.role ?? [];
  const scopes = args.scope ?? [];
  if (!args.user || !/^[A-Za-z0-9_.@-]{1,100}$/.test(args.user))
    throw new UsageError('--user: an id of letters, digits, "_", ".", "@" or "-" (or give --token)');
  if (roles.length === 0 || roles.length !== scopes.length)
    throw new UsageError('give each --role a --scope, e.g. --role auditor --scope VN');
  const grants: RoleGrant[] = roles.map((role, i) => {
    if (!isRole(role)) throw new UsageError(`--role ${role}: one of ${ROLES.join(', ')}`);
    const scope = scopes[i]!;
    if (!/^[A-Z0-9]{2,8}$/.test(scope)) throw new UsageError(`--scope ${scope}: VN or a unit code such as 01 or 10015`);
    return { role, scope };
  });
  return { userId: args.user, grants };
}

export interface AuditSession {
  config: AppConfig;
  audit: AuditServices;
  access: AccessServices;
  caller: RequestContext & { principal: Principal };
  close(): Promise<void>;
}

/**
 * The platform's storage (as the API opens it), the access and audit services, and the caller:
 * from --token (verified as the API verifies it) or from --user/--role/--scope.
 */
export async function openAuditSession(context: CliContext, args: CallerArguments): Promise<AuditSession> {
  if (args.token !== undefined && (args.user !== undefined || args.role !== undefined || args.scope !== undefined))
    throw new UsageError('give --token or --user/--role/--scope, not both');
  const purpose = args.purpose ?? 'audit';
  if (!/^[a-z][a-z_]{0,49}$/.test(purpose)) throw new UsageError('--purpose: lower-case letters and "_", at most 50');
  const principal = args.token === undefined ? grantsFrom(args) : null;
  const config = configFrom(context);
  const storage = await openPlatformStorage(config, (line) => context.err(line), { leaveAdoptedServerRunning: true });
  const pool = new pg.Pool({ connectionString: storage.databaseUrl, max: 4 });
  const close = async () => {
    await pool.end().catch(() => undefined);
    await storage.close();
  };
  try {
    const access = await buildAccessServices(config, storage.eventStore, pool, storage.jurisdictions);
    const verified =
      principal ??
      (
        await access.tokenVerifier.verify(`Bearer ${args.token}`).catch((error: unknown) => {
          if (error instanceof TokenRejectedError) throw new UsageError(`--token: refused (${error.failure})`);
          throw error;
        })
      ).principal;
    const schemas = new FieldSchemas();
    for (const caseContext of CASE_CONTEXTS) schemas.include(caseContext.schemas);
    const records = new CaseRecords(storage.eventStore, storage.keyStore, schemas);
    const audit = await platformAuditServices({
      config,
      store: storage.eventStore,
      pool,
      policy: access.policy,
      records,
      keyStore: storage.keyStore,
    });
    return { config, audit, access, caller: { principal: verified, purpose, correlationId: `cli-${Date.now().toString(36)}` }, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The scan's progress on stderr: redrawn in place on a terminal, otherwise a line every 5 seconds. */
export function scanProgress(context: CliContext): { update(progress: ScanProgress): void; finish(): void } {
  const everyMs = context.progress ? 200 : 5_000;
  let shownAt = -Infinity;
  let last: ScanProgress | null = null;
  let shown: ScanProgress | null = null;
  const line = (p: ScanProgress) =>
    p.total !== null
      ? formatProgress({ events: p.events, target: Math.max(p.total, p.events), elapsedMs: p.elapsedMs })
      : `${p.events.toLocaleString('en-US')} events  ${Math.round(p.events / Math.max(p.elapsedMs / 1000, 0.001)).toLocaleString('en-US')} events/s`;
  const show = (p: ScanProgress) => {
    shown = p;
    (context.progress ?? context.err)(line(p));
  };
  return {
    update(progress) {
      last = progress;
      if (progress.elapsedMs - shownAt < everyMs) return;
      shownAt = progress.elapsedMs;
      show(progress);
    },
    finish() {
      if (last && last !== shown) show(last);
      if (context.progress) context.err('');
    },
  };
}

export const count = (n: number) => Math.round(n).toLocaleString('en-US');

import type { AccessLogEntry, AccessLogFilter } from '../../../../libs/access/src/application/access-log.js';
import { BREAK_GLASS_OPENED } from '../../../../libs/access/src/application/access-events.js';
import { RESOURCE_KINDS } from '../../../../libs/access/src/domain/resources.js';
import type { Principal } from '../../../../libs/access/src/domain/roles.js';
import { parseMoment } from '../../../../libs/audit/src/domain/moment.js';
import { defineCommand, UsageError, type CliContext } from '../command.js';
import { CALLER_HELP, callerOptions, openAuditSession, type CallerArguments } from './audit-session.js';

const DESCRIPTION = `The access audit (every read, export, denial and break-glass opening), as GET /access-log gives
it to auditors and data-protection officers, within the caller's jurisdiction.`;

const QUERIES = `
Queries:
  viewers <kind> <id>     who accessed this record (reads, exports, denials, break-glass)
  denials                 refused accesses (and failed sign-ins)
  break-glass [--pending] break-glass openings (--pending: not yet reviewed by the DPO)
  all                     everything, filtered by the options`;

export interface AccessLogOptions extends CallerArguments {
  actor?: string;
  kind?: string;
  from?: string;
  to?: string;
  jurisdiction?: string;
  limit?: string;
  pending?: boolean;
  json?: boolean;
}

/** The query's filter; a UsageError names a bad argument. */
export function accessLogFilter(query: string, rest: string[], values: AccessLogOptions): Omit<AccessLogFilter, 'jurisdictions'> {
  const arity: Record<string, number> = { viewers: 2, denials: 0, 'break-glass': 0, all: 0 };
  if (!(query in arity)) throw new UsageError(`unknown query "${query}"; one of ${Object.keys(arity).join(', ')}`);
  if (rest.length !== arity[query]) throw new UsageError(`${query} takes ${arity[query]} argument(s)`);
  const limit = values.limit === undefined ? 100 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit: a whole number from 1 to 1000');
  const kind = query === 'viewers' ? rest[0] : values.kind;
  if (kind !== undefined && !(RESOURCE_KINDS as readonly string[]).includes(kind))
    throw new UsageError(`kind ${kind}: one of ${RESOURCE_KINDS.join(', ')}`);
  const moment = (name: 'from' | 'to') => {
    const raw = values[name];
    if (raw === undefined) return undefined;
    const at = parseMoment(raw);
    if (!at) throw new UsageError(`--${name} ${raw}: a date-time with a time zone, e.g. 2026-03-02T00:00:00+07:00`);
    return at.toISOString();
  };
  if (values.actor !== undefined && !/^[A-Za-z0-9_.@:-]{1,100}$/.test(values.actor)) throw new UsageError('--actor: a user id');
  if (query === 'viewers' && !/^[A-Za-z0-9_-]{1,64}$/.test(rest[1]!)) throw new UsageError(`${rest[1]}: not a record id`);
  return {
    actorId: values.actor,
    resourceKind: kind,
    resourceId: query === 'viewers' ? rest[1] : undefined,
    decision: query === 'denials' ? 'deny' : undefined,
    type: query === 'break-glass' ? BREAK_GLASS_OPENED : undefined,
    pendingReviewOnly: query === 'break-glass' && values.pending === true,
    from: moment('from'),
    to: moment('to'),
    limit,
  };
}

function widestScope(principal: Principal): string {
  const scopes = principal.grants.map((g) => g.scope);
  return scopes.find((s) => s === 'VN') ?? scopes.sort((a, b) => a.length - b.length)[0] ?? 'VN';
}

function entryLine(e: AccessLogEntry): string {
  const what = e.resource.kind ? `${e.resource.kind}/${e.resource.id ?? '*'}@${e.resource.jurisdiction ?? '-'}` : '-';
  const outcome = e.decision === 'deny' ? `DENIED ${e.status ?? ''}${e.reason ? ` (${e.reason})` : ''}` : (e.decision ?? '-');
  const glass = e.breakGlass
    ? `  BREAK-GLASS${e.type === BREAK_GLASS_OPENED ? ` (grant ${e.grantId}, review ${e.reviewOutcome ?? 'pending'})` : ''}`
    : '';
  return `${e.recordedAt}  ${e.actorId ?? 'anonymous'} (${e.role ?? '-'})  ${e.action ?? e.type}  ${what}  ${outcome}  purpose ${e.purpose ?? '-'}  fields ${e.fieldsRevealed.join(',') || '-'}${glass}`;
}

export const accessLogCommand = defineCommand<AccessLogOptions>({
  name: 'access-log',
  summary: 'Query the access audit: viewers <kind> <id> | denials | break-glass [--pending] | all, with filters',
  declare: (command) =>
    callerOptions(
      command
        .usage('<query> [filters] --user ID --role ROLE --scope CODE [--json]')
        .description(DESCRIPTION)
        .argument('[query]', 'viewers, denials, break-glass or all (below)')
        .argument('[arguments...]', 'viewers: <kind> <id>')
        .option('--actor <ID>', 'filter: by whom')
        .option('--kind <KIND>', `filter: record kind (${RESOURCE_KINDS.join(', ')})`)
        .option('--from <TIME>', 'filter: recorded at or after TIME (an ISO-8601 date-time with a time zone)')
        .option('--to <TIME>', 'filter: recorded before TIME')
        .option('--jurisdiction <CODE>', "look inside this unit (default: the caller's widest scope)")
        .option('--limit <N>', 'at most N entries, newest first (1-1000, default 100)')
        .option('--pending', 'break-glass: only the openings not yet reviewed by the data-protection officer')
        .option('--json', 'print the entries as JSON'),
    )
      .addHelpText('after', QUERIES)
      .addHelpText('after', CALLER_HELP),
  async action(values, positionals, context: CliContext): Promise<number> {
    const [query, ...rest] = positionals;
    if (query === undefined) throw new UsageError('give a query: viewers <kind> <id>, denials, break-glass or all');
    const filter = accessLogFilter(query, rest, values);
    if (values.jurisdiction !== undefined && !/^[A-Z0-9]{2,8}$/.test(values.jurisdiction))
      throw new UsageError('--jurisdiction: VN or a unit code such as 01');
    const session = await openAuditSession(context, values);
    try {
      const { access, caller } = session;
      const scope = values.jurisdiction ?? widestScope(caller.principal);
      await access.policy.authorize(
        caller.principal,
        'list',
        { kind: 'access_log', id: null, jurisdiction: scope, assignees: [], fields: {} },
        caller,
      );
      const entries = await access.accessLog.query({ ...filter, jurisdictions: access.jurisdictions.within(scope) });
      if (values.json) context.out(JSON.stringify(entries, null, 2));
      else {
        context.out(
          `${entries.length} entr${entries.length === 1 ? 'y' : 'ies'} (${query}${rest.length ? ` ${rest.join(' ')}` : ''}, within ${scope}), newest first`,
        );
        entries.forEach((e) => context.out(entryLine(e)));
      }
      return 0;
    } finally {
      await session.close();
    }
  },
});

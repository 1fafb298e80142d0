import type { ResourceKind } from '../../../../libs/access/src/domain/resources.js';
import { parseMoment } from '../../../../libs/audit/src/domain/moment.js';
import { AUDITED_CASE_KINDS } from '../../../api/src/audit/platform-audit.js';
import { defineCommand, UsageError, type CliContext } from '../command.js';
import { CALLER_HELP, callerOptions, openAuditSession, type CallerArguments } from './audit-session.js';
import { changeLines } from './history-lines.js';

const DESCRIPTION = `The case as it was known at <time>: folded from exactly its events up to the last one whose
recordedAt (when the store accepted it) is at or before <time>, with who changed what and when.
Fields the caller may not see are redacted, as for any case read, and the read is recorded.`;

export const asOfCommand = defineCommand<CallerArguments & { json?: boolean }>({
  name: 'as-of',
  summary: 'A case as known at a moment (events recorded at or before it), with who changed what and when',
  declare: (command) =>
    callerOptions(
      command
        .usage('<kind> <id> <time> --user ID --role ROLE --scope CODE [--json]')
        .description(DESCRIPTION)
        .argument('[kind]', `the case kind: ${AUDITED_CASE_KINDS.join(', ')}`)
        .argument('[id]', 'the case id')
        .argument('[time]', 'an ISO-8601 date-time with a time zone, e.g. 2026-03-02T10:30:00+07:00')
        .option('--json', 'print the view as JSON'),
    ).addHelpText('after', CALLER_HELP),
  async action(values, positionals, context: CliContext): Promise<number> {
    if (positionals.length !== 3) throw new UsageError('give <kind> <id> <time>');
    const [kind, id, time] = positionals as [string, string, string];
    if (!(AUDITED_CASE_KINDS as string[]).includes(kind)) throw new UsageError(`kind ${kind}: one of ${AUDITED_CASE_KINDS.join(', ')}`);
    const at = parseMoment(time);
    if (!at) throw new UsageError(`time ${time}: a date-time that exists, with a time zone, e.g. 2026-03-02T10:30:00+07:00`);
    const session = await openAuditSession(context, values);
    try {
      const view = await session.audit.history.asOf(kind as ResourceKind, id, at, session.caller);
      if (values.json) context.out(JSON.stringify(view, null, 2));
      else {
        const asOfEvent = view.revision < 0 ? 'nothing recorded yet' : `revision ${view.revision} of ${view.currentRevision}`;
        context.out(
          `${kind} ${id} as of ${view.at} (${view.rule}): ${asOfEvent}; redacted for you: ${view.redactedFields.join(', ') || 'nothing'}`,
        );
        context.out(`state: ${JSON.stringify(view.state)}`);
        for (const change of view.history) changeLines(change).forEach((line) => context.out(line));
      }
      return 0;
    } finally {
      await session.close();
    }
  },
});

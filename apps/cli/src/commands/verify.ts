import type { LogVerification } from '../../../../libs/audit/src/application/log-audit.js';
import { defineCommand, type CliContext } from '../command.js';
import {
  CALLER_HELP,
  INTEGRITY_FAILURE,
  callerOptions,
  count,
  openAuditSession,
  scanProgress,
  type CallerArguments,
} from './audit-session.js';

/** The human summary of a verification; the first line says intact or broken. */
export function describeVerification(report: LogVerification): string[] {
  const rate = `${count(report.events)} events in ${count(report.streams)} streams in ${report.seconds.toFixed(1)} s (${count(report.eventsPerSecond)} events/s, ${report.source})`;
  if (report.ok) return [`intact: ${rate}`];
  const first = report.firstBreak!;
  return [
    `BROKEN: stream ${first.streamId} at revision ${first.revision} (${first.reason})`,
    `${count(report.brokenStreams)} stream(s) broken; checked ${rate}`,
    ...report.breaks
      .slice(0, 20)
      .map(
        (b) =>
          `  ${b.streamId} revision ${b.revision}: ${b.reason}${b.expected ? ` (expected ${b.expected}, found ${b.actual ?? 'nothing'})` : ''}`,
      ),
  ];
}

export const verifyCommand = defineCommand<CallerArguments & { json?: boolean }>({
  name: 'verify',
  summary: `Recompute every hash chain with a progress bar; print the first broken stream and revision (exit ${INTEGRITY_FAILURE} on a break)`,
  declare: (command) =>
    callerOptions(
      command
        .usage('--user ID --role auditor --scope VN [--json]')
        .description(
          `Recomputes the hash chain of every stream of the event log and checks each stream's recorded
head, with a progress bar on stderr (events, events/s). Prints the first broken stream and
revision; exits ${INTEGRITY_FAILURE} on any break. Checks of a past signed checkpoint: \`checkpoint verify\`.`,
        )
        .option('--json', 'print the whole report as JSON'),
    ).addHelpText('after', CALLER_HELP),
  async action(values, _operands, context: CliContext): Promise<number> {
    const session = await openAuditSession(context, values);
    try {
      const bar = scanProgress(context);
      const report = await session.audit.log.verify(session.caller, bar.update);
      bar.finish();
      (values.json ? [JSON.stringify(report, null, 2)] : describeVerification(report)).forEach((line) => context.out(line));
      return report.ok ? 0 : INTEGRITY_FAILURE;
    } finally {
      await session.close();
    }
  },
});

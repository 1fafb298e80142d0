import { defineCommand, UsageError, type CliContext } from '../command.js';
import { CALLER_HELP, INTEGRITY_FAILURE, callerOptions, openAuditSession, type CallerArguments } from './audit-session.js';
import { changeLines } from './history-lines.js';

const DESCRIPTION = `Every event of one stream in order: revision, recorded time, type, actor, role, purpose, hash and
whether its hash link recomputes, and its data as the caller may see it (fields the policy hides
are redacted, never decrypted). Case streams are "<kind>-<id>" (e.g. tip-…) and end with the
folded state; access trails ("access-<kind>-<id>") read as the access log. Exits ${INTEGRITY_FAILURE} when a
link does not recompute.`;

export const replayCommand = defineCommand<CallerArguments & { json?: boolean }>({
  name: 'replay',
  summary: 'Replay one stream: every event with who, when, its hash link and its data as you may see it',
  declare: (command) =>
    callerOptions(
      command
        .usage('<stream> --user ID --role ROLE --scope CODE [--json]')
        .description(DESCRIPTION)
        .argument('[stream]', 'the stream id, e.g. tip-3f6c2a1e-… or access-tip-3f6c2a1e-…')
        .option('--json', 'print the whole replay as JSON'),
    ).addHelpText('after', CALLER_HELP),
  async action(values, positionals, context: CliContext): Promise<number> {
    if (positionals.length !== 1) throw new UsageError('give one stream id, e.g. replay tip-3f6c2a1e-…');
    const session = await openAuditSession(context, values);
    try {
      const replay = await session.audit.history.replay(positionals[0]!, session.caller);
      if (values.json) context.out(JSON.stringify(replay, null, 2));
      else {
        context.out(
          `${replay.streamId}: ${replay.events.length} events (${replay.resource.kind}); chain ${replay.chain.ok ? 'intact' : `BROKEN at revision ${replay.chain.firstBreak!.revision}`}; redacted for you: ${replay.redactedFields.join(', ') || 'nothing'}`,
        );
        for (const event of replay.events) changeLines(event).forEach((line) => context.out(line));
        if ('state' in replay) context.out(`state: ${JSON.stringify(replay.state)}`);
      }
      return replay.chain.ok ? 0 : INTEGRITY_FAILURE;
    } finally {
      await session.close();
    }
  },
});

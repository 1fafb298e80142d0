import { readFile, stat, writeFile } from 'node:fs/promises';
import type { CheckpointVerification } from '../../../../libs/audit/src/application/log-audit.js';
import { parsePublicKey } from '../../../../libs/audit/src/application/signing-key.js';
import { parseCheckpoint, type SignedCheckpoint } from '../../../../libs/audit/src/domain/checkpoint.js';
import { defineCommand, UsageError, type CliContext } from '../command.js';
import {
  CALLER_HELP,
  INTEGRITY_FAILURE,
  callerOptions,
  count,
  openAuditSession,
  scanProgress,
  type AuditSession,
  type CallerArguments,
} from './audit-session.js';
import { describeVerification } from './verify.js';

const DESCRIPTION = `Signed checkpoints of the event log: a Merkle root over every stream head (stream id, revision,
head hash), signed with AUDIT_SIGNING_KEY (Ed25519). Whoever keeps a checkpoint file can later
prove the log still holds every head in it, so a cut tail or a rewritten history shows even
after the store's own head rows were rewritten. Format: libs/audit/README.md.`;

const ACTIONS = `
Actions:
  create [--out FILE]              verify the log, then sign and store a checkpoint (and write it to FILE)
  list [--limit N]                 checkpoints published, newest first
  show <id> [--out FILE]           a stored checkpoint, whole (to FILE) or its summary
  verify <file|id> [--public-key FILE]
                                   check a checkpoint against the log now: signature (with the configured
                                   key, or the trusted public key in FILE), root, and every head still at
                                   its revision with its hash; exit ${INTEGRITY_FAILURE} if not
  prove <id> <stream>              the Merkle inclusion proof of one stream's head`;

interface CheckpointOptions extends CallerArguments {
  json?: boolean;
  out?: string;
  limit?: string;
  publicKey?: string;
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function summaryLines(c: SignedCheckpoint | Omit<SignedCheckpoint, 'heads'>): string[] {
  return [
    `checkpoint ${c.id} created ${c.createdAt}`,
    `root ${c.root}`,
    `${count(c.streams)} streams, ${count(c.events)} events, signed with key ${c.keyId}`,
  ];
}

export function describeCheckpointCheck(result: CheckpointVerification): string[] {
  const cp = result.log.checkpoint!;
  return [
    `${result.ok ? 'HOLDS' : 'DOES NOT HOLD'}: checkpoint ${result.checkpoint.id} of ${result.checkpoint.createdAt} (root ${result.checkpoint.root})`,
    `signature: ${result.seal.signatureValid ? (result.seal.signedByTrustedKey ? 'valid, by the trusted key' : 'valid, by the key it names (no trusted key given)') : 'INVALID'}`,
    ...result.seal.problems.map((p) => `  ${p}`),
    `heads: ${count(cp.matched)} of ${count(cp.heads)} still in the log at their revision with their hash; ${count(cp.mismatches)} not`,
    ...cp.listed.slice(0, 20).map((m) => `  ${m.streamId} revision ${m.revision}: ${m.reason}`),
    `log now: ${describeVerification(result.log)[0]}`,
  ];
}

async function loadCheckpoint(ref: string): Promise<{ id: string } | { checkpoint: SignedCheckpoint }> {
  const isFile = await stat(ref)
    .then((s) => s.isFile())
    .catch(() => false);
  if (!isFile) {
    if (UUID.test(ref)) return { id: ref };
    throw new UsageError(`${ref}: neither a checkpoint file nor a checkpoint id`);
  }
  let json: unknown;
  try {
    json = JSON.parse(await readFile(ref, 'utf8'));
  } catch {
    throw new UsageError(`${ref}: not JSON`);
  }
  try {
    return { checkpoint: parseCheckpoint(json) };
  } catch (error) {
    throw new UsageError(`${ref}: ${(error as Error).message}`);
  }
}

async function trustedKey(file: string | undefined) {
  if (file === undefined) return null;
  try {
    return parsePublicKey(await readFile(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--public-key ${file}: ${(error as Error).message}`);
  }
}

export const checkpointCommand = defineCommand<CheckpointOptions>({
  name: 'checkpoint',
  summary: `Signed checkpoints of the log heads: create [--out FILE] | list | show <id> | verify <file|id> (exit ${INTEGRITY_FAILURE} if it no longer holds) | prove <id> <stream>`,
  declare: (command) =>
    callerOptions(
      command
        .usage('<action> [arguments] --user ID --role auditor --scope VN')
        .description(DESCRIPTION)
        .argument('[action]', 'create, list, show, verify or prove (below)')
        .argument('[arguments...]', "the action's arguments")
        .option('--out <FILE>', 'create, show: also write the whole checkpoint to FILE')
        .option('--limit <N>', 'list: at most N checkpoints, 1 to 500 (default 50)')
        .option('--public-key <FILE>', 'verify: the trusted public key (PEM) to check the signature with')
        .option('--json', 'print results as JSON'),
    )
      .addHelpText('after', ACTIONS)
      .addHelpText('after', CALLER_HELP),
  async action(values, positionals, context: CliContext, command): Promise<number> {
    const [action, ...rest] = positionals;
    if (action === undefined) {
      command.outputHelp({ error: true });
      return 2;
    }
    const arity: Record<string, number> = { create: 0, list: 0, show: 1, verify: 1, prove: 2 };
    if (!(action in arity)) throw new UsageError(`unknown action "${action}"; one of ${Object.keys(arity).join(', ')}`);
    if (rest.length !== arity[action]) throw new UsageError(`${action} takes ${arity[action]} argument(s)`);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit: a whole number from 1 to 500');
    const which = action === 'verify' ? await loadCheckpoint(rest[0]!) : null;
    const trusted = await trustedKey(values.publicKey);
    const session = await openAuditSession(context, values);
    try {
      return await run(action, rest, { session, context, json: values.json ?? false, out: values.out, limit, which, trusted });
    } finally {
      await session.close();
    }
  },
});

interface Run {
  session: AuditSession;
  context: CliContext;
  json: boolean;
  out: string | undefined;
  limit: number;
  which: Awaited<ReturnType<typeof loadCheckpoint>> | null;
  trusted: Awaited<ReturnType<typeof trustedKey>>;
}

async function run(action: string, rest: string[], { session, context, json, out, limit, which, trusted }: Run): Promise<number> {
  const { log } = session.audit;
  const print = (value: unknown, lines: string[]) => (json ? [JSON.stringify(value, null, 2)] : lines).forEach((line) => context.out(line));
  const save = async (checkpoint: SignedCheckpoint) => {
    if (!out) return;
    await writeFile(out, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o600 });
    context.err(`written to ${out}`);
  };
  switch (action) {
    case 'create': {
      const bar = scanProgress(context);
      const { checkpoint } = await log.createCheckpoint(session.caller, bar.update);
      bar.finish();
      await save(checkpoint);
      const { heads: _heads, ...summary } = checkpoint;
      print(summary, summaryLines(checkpoint));
      return 0;
    }
    case 'list': {
      const list = await log.list(session.caller, limit);
      print(
        list,
        list.length === 0
          ? ['no checkpoint yet']
          : list.map((c) => `${c.id}  ${c.createdAt}  ${count(c.streams)} streams  ${count(c.events)} events  root ${c.root}`),
      );
      return 0;
    }
    case 'show': {
      if (!UUID.test(rest[0]!)) throw new UsageError(`${rest[0]}: not a checkpoint id`);
      const checkpoint = await log.get(session.caller, rest[0]!);
      await save(checkpoint);
      print(checkpoint, summaryLines(checkpoint));
      return 0;
    }
    case 'verify': {
      const bar = scanProgress(context);
      const result = await log.checkCheckpoint(session.caller, which!, trusted, bar.update);
      bar.finish();
      print(result, describeCheckpointCheck(result));
      return result.ok ? 0 : INTEGRITY_FAILURE;
    }
    case 'prove': {
      if (!UUID.test(rest[0]!)) throw new UsageError(`${rest[0]}: not a checkpoint id`);
      const proof = await log.proof(session.caller, rest[0]!, rest[1]!);
      print(proof, [
        `${proof.head.streamId} at revision ${proof.head.revision} (${proof.head.hash}) is leaf ${proof.proof.leafIndex} of ${proof.proof.treeSize} under root ${proof.root}`,
        ...proof.proof.path.map((h, i) => `  path[${i}] ${h}`),
      ]);
      return 0;
    }
    default:
      throw new UsageError(`unknown action "${action}"`);
  }
}

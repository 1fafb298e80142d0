import { randomUUID, type KeyObject } from 'node:crypto';
import type { PolicyPoint, RequestContext } from '../../../access/src/application/policy-point.js';
import type { Action, ResourceDescriptor } from '../../../access/src/domain/resources.js';
import type { Principal } from '../../../access/src/domain/roles.js';
import { DomainError } from '../../../case-kernel/src/domain/decider.js';
import type { EventMetadataInput } from '../../../event-store/src/port.js';
import { ChainScan, type ScanReport, type StreamHead } from '../domain/chain-scan.js';
import { checkSeal, headsOf, signCheckpoint, type CheckpointSealCheck, type SignedCheckpoint } from '../domain/checkpoint.js';
import { inclusionProof, leafHash, type InclusionProof } from '../domain/merkle.js';
import type { AuditLog, ScanProgress } from './audit-log.js';
import type { CheckpointArchive, CheckpointSummary } from './checkpoint-archive.js';
import type { CheckpointKeys } from './signing-key.js';

export type Caller = RequestContext & { principal: Principal };

export interface LogVerification extends ScanReport {
  source: string;
  seconds: number;
  eventsPerSecond: number;
  finishedAt: string;
}

export interface CheckpointVerification {
  checkpoint: Omit<SignedCheckpoint, 'heads' | 'publicKey' | 'signature' | 'algorithm'>;
  seal: CheckpointSealCheck;
  /** The whole log re-hashed, with the checkpoint's heads checked against it. */
  log: LogVerification;
  /** Seal valid and every head of the checkpoint still in the log at its revision with its hash. */
  ok: boolean;
}

/** The whole event log, for auditors only: jurisdiction VN, so only a national auditor grant reaches it. */
const EVENT_LOG = (id: string | null): ResourceDescriptor => ({ kind: 'event_log', id, jurisdiction: 'VN', assignees: [], fields: {} });

/** Who publishes checkpoints on a timer. */
export const SCHEDULED_PUBLISHER = 'system:audit-checkpoints';

/**
 * Integrity of the log for auditors: re-hash every chain, publish signed checkpoints of the
 * stream heads, and check a past checkpoint against the log as it is now. Every call goes
 * through the policy point (kind event_log).
 */
export class LogAudit {
  private running: Promise<LogVerification> | null = null;

  constructor(
    private readonly log: AuditLog,
    private readonly archive: CheckpointArchive,
    private readonly keys: () => Promise<CheckpointKeys>,
    private readonly policy: PolicyPoint,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** Re-hashes every chain. Without a progress callback, concurrent callers share one run. */
  async verify(caller: Caller, onProgress?: (progress: ScanProgress) => void): Promise<LogVerification> {
    await this.authorize(caller, 'read', null);
    if (onProgress) return this.scan(null, onProgress).then((r) => r.report);
    this.running ??= this.scan(null)
      .then((r) => r.report)
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  /** Verifies the log, then signs and stores a checkpoint of its heads; refuses on a broken log. */
  async createCheckpoint(
    caller: Caller,
    onProgress?: (progress: ScanProgress) => void,
  ): Promise<{ checkpoint: SignedCheckpoint; log: LogVerification }> {
    await this.authorize(caller, 'write', null);
    return this.publish(
      { actorId: caller.principal.userId, role: 'auditor', purpose: caller.purpose, correlationId: caller.correlationId },
      onProgress,
    );
  }

  /** The timer's publication in the API process: no caller, recorded as the system publisher. */
  async publishScheduled(): Promise<SignedCheckpoint> {
    return (await this.publish({ actorId: SCHEDULED_PUBLISHER, role: 'system', purpose: 'audit_checkpoint', correlationId: randomUUID() }))
      .checkpoint;
  }

  async list(caller: Caller, limit = 50): Promise<CheckpointSummary[]> {
    await this.authorize(caller, 'list', null);
    return this.archive.list(limit);
  }

  async get(caller: Caller, id: string): Promise<SignedCheckpoint> {
    await this.authorize(caller, 'export', id);
    return this.stored(id);
  }

  /** A stored checkpoint (by id) or one someone kept (a file), against the log as it is now. */
  async checkCheckpoint(
    caller: Caller,
    which: { id: string } | { checkpoint: SignedCheckpoint },
    trusted: KeyObject | null,
    onProgress?: (progress: ScanProgress) => void,
  ): Promise<CheckpointVerification> {
    await this.authorize(caller, 'read', 'id' in which ? which.id : which.checkpoint.id);
    const checkpoint = 'id' in which ? await this.stored(which.id) : which.checkpoint;
    const seal = checkSeal(checkpoint, trusted ?? (await this.keys()).publicKey);
    const { report } = await this.scan(headsOf(checkpoint), onProgress);
    const { heads: _h, publicKey: _p, signature: _s, algorithm: _a, ...statement } = checkpoint;
    return { checkpoint: statement, seal, log: report, ok: seal.wellFormed && seal.signatureValid && report.checkpoint!.mismatches === 0 };
  }

  /** The Merkle audit path that puts one stream's head in a checkpoint's root. */
  async proof(caller: Caller, id: string, streamId: string): Promise<{ head: StreamHead; root: string; proof: InclusionProof }> {
    await this.authorize(caller, 'read', id);
    const checkpoint = await this.stored(id);
    const heads = headsOf(checkpoint);
    const index = heads.findIndex((h) => h.streamId === streamId);
    if (index < 0)
      throw new DomainError(
        'not_found',
        'audit.stream_not_in_checkpoint',
        'This stream is not in the checkpoint',
        'Luồng sự kiện này không có trong điểm kiểm tra',
      );
    return { head: heads[index]!, root: checkpoint.root, proof: inclusionProof(heads.map(leafHash), index) };
  }

  private async publish(
    metadata: Omit<EventMetadataInput, 'jurisdiction' | 'causationId' | 'occurredAt'>,
    onProgress?: (progress: ScanProgress) => void,
  ) {
    const keys = await this.keys();
    const { report, heads } = await this.scan(null, onProgress);
    if (!report.ok) {
      const first = report.firstBreak!;
      throw new DomainError(
        'invalid_state',
        'audit.log_broken',
        'The log does not verify; no checkpoint was signed',
        'Nhật ký sự kiện không toàn vẹn; không ký điểm kiểm tra',
        {
          streamId: first.streamId,
          revision: first.revision,
          reason: first.reason,
        },
      );
    }
    const now = this.clock();
    const checkpoint = signCheckpoint({ id: randomUUID(), createdAt: now.toISOString(), heads }, keys.privateKey);
    await this.archive.save(checkpoint, { ...metadata, jurisdiction: 'VN', causationId: null, occurredAt: now.toISOString() });
    return { checkpoint, log: report };
  }

  private async scan(
    checkpointHeads: StreamHead[] | null,
    onProgress?: (progress: ScanProgress) => void,
  ): Promise<{ report: LogVerification; heads: StreamHead[] }> {
    const scan = new ChainScan(checkpointHeads);
    const started = performance.now();
    await this.log.scan(
      {
        events: (batch) => {
          for (const event of batch) scan.accept(event);
        },
        recordedHead: (head) => scan.recordedHead(head),
      },
      onProgress,
    );
    const seconds = (performance.now() - started) / 1000;
    const report = scan.finish({ headsRecorded: this.log.recordsHeads });
    return {
      report: {
        ...report,
        source: this.log.source,
        seconds,
        eventsPerSecond: report.events / Math.max(seconds, 1e-6),
        finishedAt: this.clock().toISOString(),
      },
      heads: report.ok ? scan.heads() : [],
    };
  }

  private async stored(id: string): Promise<SignedCheckpoint> {
    const checkpoint = await this.archive.get(id);
    if (!checkpoint) throw new DomainError('not_found', 'audit.checkpoint_not_found', 'No such checkpoint', 'Không tìm thấy điểm kiểm tra');
    return checkpoint;
  }

  private async authorize(caller: Caller, action: Action, id: string | null): Promise<void> {
    await this.policy.authorize(caller.principal, action, EVENT_LOG(id), caller);
  }
}

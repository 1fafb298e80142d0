import { BadRequestException, Controller, Get, HttpCode, Inject, Param, ParseEnumPipe, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { ResourceKind } from '../../../../libs/access/src/domain/resources.js';
import type { AuditServices } from '../../../../libs/audit/src/infrastructure/audit-services.js';
import type { SignedCheckpoint } from '../../../../libs/audit/src/domain/checkpoint.js';
import { parseMoment } from '../../../../libs/audit/src/domain/moment.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { AUDIT_SERVICES } from './audit-tokens.js';
import { AsOfQuery, CheckpointListQuery, ProofQuery } from './audit-queries.js';
import { AUDITED_CASE_KINDS } from './platform-audit.js';

const kindPipe = new ParseEnumPipe(Object.fromEntries(AUDITED_CASE_KINDS.map((k) => [k, k])));

/** A checkpoint without its list of heads (fetch GET /audit/checkpoints/{id} for the whole signed document). */
function summary(checkpoint: SignedCheckpoint) {
  const { heads: _heads, ...rest } = checkpoint;
  return rest;
}

/**
 * Auditors' routes: integrity of the hash-chained log (verification, signed checkpoints of the
 * stream heads, inclusion proofs) for national auditors, and history (as-of, replay) through the
 * policy point as case reads go. Every access is recorded.
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(@Inject(AUDIT_SERVICES) private readonly audit: AuditServices) {}

  @Get('verify')
  @ApiOperation({
    summary:
      'Recompute every hash chain now and check the recorded stream heads: events, streams, rate and the first break (national auditors)',
  })
  verify(@CurrentCaller() caller: Caller) {
    return this.audit.log.verify(caller);
  }

  @Post('checkpoints')
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Verify the log, then sign (Ed25519) and store a checkpoint: the Merkle root over every stream head. No body; each call publishes a new checkpoint.',
  })
  async createCheckpoint(@CurrentCaller() caller: Caller) {
    const { checkpoint, log } = await this.audit.log.createCheckpoint(caller);
    return { ...summary(checkpoint), verification: { events: log.events, streams: log.streams, seconds: log.seconds } };
  }

  @Get('checkpoints')
  @ApiOperation({ summary: 'Checkpoints published, newest first' })
  async listCheckpoints(@Query() query: CheckpointListQuery, @CurrentCaller() caller: Caller) {
    return { checkpoints: await this.audit.log.list(caller, query.limit ?? 50) };
  }

  @Get('checkpoints/:id')
  @ApiOperation({
    summary: 'The whole signed checkpoint with every stream head: keep it to check the log later (`cli checkpoint verify <file>`)',
  })
  getCheckpoint(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller) {
    return this.audit.log.get(caller, id);
  }

  @Get('checkpoints/:id/verify')
  @ApiOperation({
    summary:
      'Check a stored checkpoint against the log now: signature (with the configured key), root, and every head still at its revision with its hash',
  })
  verifyCheckpoint(@Param('id', new ParseUUIDPipe()) id: string, @CurrentCaller() caller: Caller) {
    return this.audit.log.checkCheckpoint(caller, { id }, null);
  }

  @Get('checkpoints/:id/proof')
  @ApiOperation({ summary: "Merkle inclusion proof (RFC 9162 audit path) of one stream's head in a checkpoint" })
  proof(@Param('id', new ParseUUIDPipe()) id: string, @Query() query: ProofQuery, @CurrentCaller() caller: Caller) {
    return this.audit.log.proof(caller, id, query.stream);
  }

  @Get('cases/:kind/:id/as-of')
  @ApiParam({ name: 'kind', enum: AUDITED_CASE_KINDS })
  @ApiOperation({
    summary:
      'The case as known at a moment: folded from exactly its events up to the last one recorded at or before `at`, with who changed what and when; fields redacted as for a case read',
  })
  asOf(@Param('kind', kindPipe) kind: string, @Param('id') id: string, @Query() query: AsOfQuery, @CurrentCaller() caller: Caller) {
    const at = parseMoment(query.at);
    if (!at) throw new BadRequestException(['at: a date-time that exists, with a time zone, e.g. 2026-03-02T10:30:00+07:00']);
    return this.audit.history.asOf(kind as ResourceKind, id, at, caller);
  }

  @Get('streams/:stream/replay')
  @ApiOperation({
    summary:
      'Every event of a stream in order: metadata, hash, whether its link recomputes, and its data redacted as for a read of the record',
  })
  replay(@Param('stream') stream: string, @CurrentCaller() caller: Caller) {
    return this.audit.history.replay(stream, caller);
  }
}

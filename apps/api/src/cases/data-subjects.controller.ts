import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { assertSubjectId, type KeyStore } from '../../../../libs/crypto/src/index.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { EVENT_STORE, KEY_STORE, POLICY_POINT } from '../tokens.js';

export class ErasureBody {
  /** The unit the subject's records belong to; the officer's scope must cover it. */
  @ApiProperty({ example: '10015', description: "The unit the subject's records belong to; your scope must cover it" }) @Matches(/^[A-Z0-9]{2,8}$/) jurisdiction!: string;
  @ApiProperty({ example: 'Request of the data subject, ref. 12/2026', minLength: 5, maxLength: 500 }) @IsString() @MinLength(5) @MaxLength(500) reason!: string;
}

/** Erasure by crypto-shredding, for the data-protection officer. The log and its hashes stay intact. */
@Controller('data-subjects/:subjectId')
export class DataSubjectsController {
  constructor(
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post('erasure')
  @HttpCode(200)
  async erase(@Param('subjectId') subjectId: string, @Body() body: ErasureBody, @CurrentCaller() caller: Caller) {
    assertSubjectId(subjectId);
    await this.policy.authorize(caller.principal, 'write', { kind: 'erasure_request', id: subjectId, jurisdiction: body.jurisdiction, assignees: [], fields: {} }, caller);
    const result = await this.keys.shred(subjectId, { actorId: caller.principal.userId, reason: body.reason });
    if (!result.alreadyErased) {
      await this.store.append(
        `erasure-${subjectId}`,
        [
          {
            id: randomUUID(),
            type: 'data_subject.erased',
            schemaVersion: 1,
            data: { subjectId, reason: body.reason, erasedAt: result.erasedAt.toISOString() },
            metadata: {
              actorId: caller.principal.userId,
              role: 'data_protection_officer',
              jurisdiction: body.jurisdiction,
              purpose: caller.purpose,
              correlationId: caller.correlationId,
              causationId: null,
              occurredAt: result.erasedAt.toISOString(),
            },
          },
        ],
        'any',
      );
    }
    return { subjectId, erasedAt: result.erasedAt.toISOString(), alreadyErased: result.alreadyErased };
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import type { KeyStore } from '../../../../libs/crypto/src/index.js';
import { Erasures } from '../../../../libs/data-subject-requests/src/application/erasures.js';
import { SubjectRecords } from '../../../../libs/data-subject-requests/src/application/subject-records.js';
import { ERASURE_REASON } from '../../../../libs/data-subject-requests/src/domain/erasure.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { CASE_RECORDS, EVENT_STORE, KEY_STORE, POLICY_POINT } from '../tokens.js';

export class ErasureBody {
  @ApiProperty({
    example: 'Court order 12/2026/QĐ-TA',
    minLength: ERASURE_REASON.min,
    maxLength: ERASURE_REASON.max,
    description: 'Why the subject is erased; no personal data.',
  })
  @IsString()
  @MinLength(ERASURE_REASON.min)
  @MaxLength(ERASURE_REASON.max)
  reason!: string;
}

/** An empty body: the confirmation says nothing but who confirms (from the token). */
export class ConfirmErasureBody {}

/**
 * Erasure by crypto-shredding, for data-protection officers: one requests it, a second confirms it.
 * The subject's jurisdiction is read from the subject's own record; the log and its hashes stay intact.
 */
@ApiTags('data-protection')
@Controller('data-subjects/:subjectId/erasure')
export class DataSubjectsController {
  private readonly erasures: Erasures;

  constructor(
    @Inject(POLICY_POINT) policy: PolicyPoint,
    @Inject(KEY_STORE) keys: KeyStore,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(CASE_RECORDS) records: CaseRecords,
  ) {
    this.erasures = new Erasures(store, keys, new SubjectRecords(keys, records, policy));
  }

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Ask for the erasure of a data subject (DPO in the scope of the subject’s record); a second DPO confirms it' })
  request(@Param('subjectId') subjectId: string, @Body() body: ErasureBody, @CurrentCaller() caller: Caller) {
    return this.erasures.request(subjectId, body.reason, caller);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm an erasure another DPO asked for: the subject’s key is destroyed; answers the key ids destroyed and the log position',
  })
  confirm(@Param('subjectId') subjectId: string, @Body() _body: ConfirmErasureBody, @CurrentCaller() caller: Caller) {
    return this.erasures.confirm(subjectId, caller);
  }

  @Get()
  @ApiOperation({ summary: 'Where the erasure of a data subject stands' })
  status(@Param('subjectId') subjectId: string, @CurrentCaller() caller: Caller) {
    return this.erasures.status(subjectId, caller);
  }
}

import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type pg from 'pg';
import type { CaseRecords } from '../../../../libs/access/src/application/case-records.js';
import type { PolicyPoint } from '../../../../libs/access/src/application/policy-point.js';
import { caseIdFor, type CaseCommands } from '../../../../libs/case-kernel/src/application/case-commands.js';
import type { CaseReader } from '../../../../libs/case-kernel/src/application/case-reader.js';
import { CaseSummaries } from '../../../../libs/case-kernel/src/application/case-summaries.js';
import type { WorkingCalendar } from '../../../../libs/case-kernel/src/domain/working-calendar.js';
import type { KeyStore } from '../../../../libs/crypto/src/index.js';
import {
  DataSubjectRequestHandling,
  type HandlingCommand,
} from '../../../../libs/data-subject-requests/src/application/request-handling.js';
import { SubjectRecords } from '../../../../libs/data-subject-requests/src/application/subject-records.js';
import {
  dataSubjectRequestsContext,
  dataSubjectRequestSummaries,
  type DataSubjectRequestsContext,
} from '../../../../libs/data-subject-requests/src/data-subject-requests-context.js';
import type {
  DataSubjectRequestEvent,
  DataSubjectRequestState,
} from '../../../../libs/data-subject-requests/src/domain/data-subject-request.js';
import { requestDeadlines } from '../../../../libs/data-subject-requests/src/domain/request-time-limits.js';
import type { EventStore } from '../../../../libs/event-store/src/port.js';
import type { JurisdictionDirectory } from '../access/jurisdiction-directory.js';
import { CurrentCaller, type Caller } from '../access/request-context.js';
import { commandAnswer } from '../cases/case-http.js';
import { CommandHeaders } from '../http/command-headers.js';
import { SupportCommandDocs, SupportReadDocs } from '../outreach/support-http-docs.js';
import {
  CALENDAR,
  CASE_COMMANDS,
  CASE_READER,
  CASE_RECORDS,
  DATABASE_POOL,
  EVENT_STORE,
  JURISDICTIONS,
  KEY_STORE,
  POLICY_POINT,
} from '../tokens.js';
import {
  AcknowledgeRequestBody,
  AuthoriseErasureBody,
  CompleteRequestBody,
  FileRequestBody,
  ListRequestsQuery,
  RefuseRequestBody,
} from './request-bodies.js';

/**
 * Data-subject requests (view, correct, restrict, object, delete) tracked against the legal time
 * limits. Social workers and support supervisors file them (and cannot read them back); the
 * data-protection officer acknowledges, completes or refuses them; completing a deletion shreds the
 * subject's key.
 */
@ApiTags('data-subject-requests')
@ApiBearerAuth()
@Controller('data-subject-requests')
export class DataSubjectRequestsController {
  private readonly context: DataSubjectRequestsContext;
  private readonly summaries: CaseSummaries;
  private readonly handling: DataSubjectRequestHandling;
  private readonly subjects: SubjectRecords;

  constructor(
    @Inject(CASE_COMMANDS) private readonly commands: CaseCommands,
    @Inject(CASE_READER) private readonly reader: CaseReader,
    @Inject(CASE_RECORDS) records: CaseRecords,
    @Inject(POLICY_POINT) private readonly policy: PolicyPoint,
    @Inject(KEY_STORE) keys: KeyStore,
    @Inject(CALENDAR) calendar: WorkingCalendar,
    @Inject(JURISDICTIONS) private readonly jurisdictions: JurisdictionDirectory,
    @Inject(DATABASE_POOL) pool: pg.Pool,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    this.context = dataSubjectRequestsContext(calendar);
    this.summaries = new CaseSummaries(pool, store, dataSubjectRequestSummaries(this.context));
    this.handling = new DataSubjectRequestHandling(commands, records, policy, keys, this.context);
    this.subjects = new SubjectRecords(keys, records, policy);
  }

  @Post()
  @HttpCode(201)
  @SupportCommandDocs('File a request of a data subject (social workers, support supervisors, the DPO); the limits run from receipt', false)
  async file(
    @Body() body: FileRequestBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    // The request belongs where the subject's own record belongs; support staff name only support subjects.
    const compartments = caller.principal.grants.some((g) => g.role === 'data_protection_officer')
      ? (['support', 'enforcement'] as const)
      : (['support'] as const);
    const subject = await this.subjects.authorize(body.subjectId, 'data_subject_request', 'write', caller, compartments);
    const caseId = caseIdFor(caller.principal.userId, headers.idempotencyKey, 'data_subject_request');
    const command = {
      kind: 'file' as const,
      subjectId: subject.subjectId,
      jurisdiction: subject.jurisdiction,
      requestKind: body.requestKind,
      channel: body.channel,
      receivedAt: body.receivedAt ?? new Date().toISOString(),
    };
    return commandAnswer(await this.commands.execute(this.context, { caseId, command, caller, ...headers }), response);
  }

  @Get()
  @SupportReadDocs('Requests in your scope (DPO, auditors), newest first, each with its deadlines and whether it is overdue now')
  async list(@Query() query: ListRequestsQuery, @CurrentCaller() caller: Caller) {
    const rows = await this.summaries.readable(this.policy, this.jurisdictions, caller, query.jurisdiction);
    const now = new Date();
    const entries = rows
      .filter(
        (row) =>
          (!query.status || row.summary.status === query.status) && (!query.requestKind || row.summary.requestKind === query.requestKind),
      )
      .map((row) => ({
        id: row.id,
        jurisdiction: row.jurisdiction,
        revision: row.revision,
        ...row.summary,
        ...requestDeadlines(row.summary as unknown as DataSubjectRequestState, now),
      }))
      .filter((entry) => query.overdue === undefined || entry.overdue === query.overdue)
      .slice(0, query.limit ?? 100);
    return { entries };
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @SupportCommandDocs('Acknowledge the request (DPO; due within 2 working days of receipt)')
  acknowledge(
    @Param('id') id: string,
    @Body() _body: AcknowledgeRequestBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.handle(id, { kind: 'acknowledge' }, headers, caller, response);
  }

  @Post(':id/authorise-erasure')
  @HttpCode(200)
  @SupportCommandDocs('Authorise the erasure a deletion request asks for (DPO); a second DPO then completes the request')
  authoriseErasure(
    @Param('id') id: string,
    @Body() _body: AuthoriseErasureBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.handle(id, { kind: 'authorise_erasure' }, headers, caller, response);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @SupportCommandDocs(
    'Complete the request (DPO). For a deletion, a DPO other than the one who authorised the erasure: the subject’s key is shredded, every read of the subject’s fields shows "erased"; the answer lists the key ids destroyed and the log position',
  )
  complete(
    @Param('id') id: string,
    @Body() body: CompleteRequestBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.handle(id, { kind: 'complete', outcome: body.outcome }, headers, caller, response);
  }

  @Post(':id/refuse')
  @HttpCode(200)
  @SupportCommandDocs('Refuse the request with a reason (DPO)')
  refuse(
    @Param('id') id: string,
    @Body() body: RefuseRequestBody,
    @CommandHeaders() headers: CommandHeaders,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) response: Response,
  ) {
    return this.handle(id, { kind: 'refuse', reason: body.reason, explanation: body.explanation }, headers, caller, response);
  }

  @Get(':id')
  @SupportReadDocs(
    'The request with its legal basis, deadlines (met, met_late, overdue, pending) and whether it is overdue now; ETag: revision',
  )
  async view(@Param('id') id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) response: Response) {
    const read = await this.reader.read<DataSubjectRequestEvent, DataSubjectRequestState>(
      'data_subject_request',
      id,
      this.context.decider,
      caller,
    );
    response.setHeader('ETag', `"${read.revision}"`);
    return {
      id,
      revision: read.revision,
      ...read.state,
      ...requestDeadlines(read.state, new Date()),
      redactedFields: read.redactedFields,
      erasedFields: read.erasedFields,
    };
  }

  private async handle(id: string, command: HandlingCommand, headers: CommandHeaders, caller: Caller, response: Response) {
    const result = await this.handling.handle({ caseId: id, command, caller, ...headers });
    return { ...commandAnswer(result, response), ...(result.erasure ? { erasure: result.erasure } : {}) };
  }
}

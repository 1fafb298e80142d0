import { applyDecorators, NotFoundException, type PipeTransform } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { CaseRead } from '../../../../libs/case-kernel/src/application/case-reader.js';
import { consentSummary } from '../../../../libs/support/src/domain/support-consent.js';
import type { SupportCaseState } from '../../../../libs/support/src/domain/support-case-types.js';
import { ApiCommandHeaders, CASE_ID } from '../cases/case-http.js';

/**
 * An id that cannot exist is answered exactly as a missing case (and so as a case the caller may
 * not see), before anything is read. Used for case ids and referral ids alike.
 */
export class SupportIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CASE_ID.test(value)) throw new NotFoundException();
    return value;
  }
}

/** The case as the caller may see it: hidden fields hold the redaction marker, erased ones { erased: true }. */
export function supportCaseView(id: string, read: CaseRead<SupportCaseState>) {
  const { caseId: _recorded, ...state } = read.state;
  return {
    id,
    revision: read.revision,
    ...state,
    consentSummary: consentSummary(read.state),
    redactedFields: read.redactedFields,
    erasedFields: read.erasedFields,
  };
}

/** Documents a command: its headers and the problem answers it can give (every denial is a 404). */
export function SupportCommandDocs(summary: string, onExistingCase = true) {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiCommandHeaders(onExistingCase),
    ApiBadRequestResponse({ description: 'problem+json naming the invalid or unknown fields; nothing is recorded' }),
    ApiNotFoundResponse({ description: 'No such support case, or one you may not see: the two answers are the same' }),
    ApiUnprocessableEntityResponse({
      description:
        'problem+json with the code and the rule refused, in English and Vietnamese (e.g. support_case.consent_withdrawn: consent per purpose)',
    }),
    ApiConflictResponse({ description: 'Stale If-Match, or the case’s or referral’s status does not allow the command' }),
  );
}

import { applyDecorators } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { ApiCommandHeaders } from '../cases/case-http.js';

const HIDDEN = 'No such record, or one your role and scope may not know about: both get the same problem+json (support compartment).';

/** OpenAPI for a command on a support-compartment record (referrals, providers, data-subject requests). */
export function SupportCommandDocs(summary: string, onExistingRecord = true) {
  return applyDecorators(
    ApiOperation({ summary }),
    ApiCommandHeaders(onExistingRecord),
    ApiBadRequestResponse({ description: 'problem+json naming the invalid or unknown fields or headers; nothing is recorded' }),
    ApiNotFoundResponse({ description: HIDDEN }),
    ApiUnprocessableEntityResponse({
      description:
        'problem+json with a stable code and the rule refused, in English (detail) and Vietnamese (detailVi); nothing is recorded',
    }),
    ApiConflictResponse({ description: 'Stale If-Match, or the record’s status does not allow the command' }),
  );
}

/** OpenAPI for a read or list of support-compartment records. */
export function SupportReadDocs(summary: string) {
  return applyDecorators(ApiOperation({ summary }), ApiNotFoundResponse({ description: HIDDEN }));
}

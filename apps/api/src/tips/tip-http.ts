import { applyDecorators, NotFoundException, type PipeTransform } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { CaseRead } from '../../../../libs/case-kernel/src/application/case-reader.js';
import type { TipDeadline } from '../../../../libs/tips/src/domain/tip-deadlines.js';
import type { TipState } from '../../../../libs/tips/src/domain/tip-types.js';
import { ApiCommandHeaders, CASE_ID } from '../cases/case-http.js';

/** A tip id that cannot exist is answered as a missing tip, before anything is read. */
export class TipIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CASE_ID.test(value)) throw new NotFoundException();
    return value;
  }
}

/** The state as the caller may see it (hidden fields hold the redaction marker), with its deadlines at the read time. */
export function tipView(id: string, read: CaseRead<TipState>, deadlines: TipDeadline[]) {
  const { id: _recorded, reporter, ...state } = read.state;
  return {
    id,
    revision: read.revision,
    ...state,
    reporter: reporter && { name: reporter.name, contact: reporter.contact },
    deadlines,
    redactedFields: read.redactedFields,
    erasedFields: read.erasedFields,
  };
}

/** Documents a command: its headers and the problem answers it can give. */
export function TipCommandDocs(summary: string, onExistingTip = true) {
  const decorators = [
    ApiOperation({ summary }),
    ApiCommandHeaders(onExistingTip),
    ApiBadRequestResponse({ description: 'problem+json naming the invalid or unknown fields; nothing is recorded' }),
    ApiForbiddenResponse({ description: 'Your role or jurisdiction does not allow this command' }),
    ApiUnprocessableEntityResponse({
      description: 'problem+json with the code and the legal rule refused (e.g. tip.extension_beyond_maximum, CPC 2015 art. 147(2))',
    }),
    ApiConflictResponse({ description: 'Stale If-Match, or the tip’s status does not allow the command' }),
  ];
  if (onExistingTip) {
    decorators.push(ApiNotFoundResponse({ description: 'No such tip' }));
  }
  return applyDecorators(...decorators);
}

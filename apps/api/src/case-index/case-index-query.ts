import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { CaseIndexCursor } from '../../../../libs/case-index/src/case-index-views.js';
import { CASE_INDEX_KINDS, type CaseIndexKind } from '../../../../libs/case-index/src/domain/case-entry.js';
import { CASE_INDEX_SOURCES } from '../../../../libs/case-index/src/domain/case-index-sources.js';

/** Every status name of the listed kinds (a kind's own names are checked against `kind` when both are given). */
export const CASE_STATUSES = [...new Set(CASE_INDEX_SOURCES.flatMap((source) => source.statuses))];

export class CaseListQuery {
  @ApiPropertyOptional({ enum: CASE_INDEX_KINDS, description: 'Enforcement case kinds only' })
  @IsOptional()
  @IsIn(CASE_INDEX_KINDS)
  kind?: CaseIndexKind;

  @ApiPropertyOptional({ description: 'A unit code: that unit and the units below it (default: everywhere you may list)' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,8}$/)
  jurisdiction?: string;

  @ApiPropertyOptional({ enum: CASE_STATUSES, description: "A status of the kind's own (e.g. a tip's received, verifying, closed)" })
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: string;

  @ApiPropertyOptional({ description: 'An assignee (officer) id, or "me"' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:@-]{1,100}$/)
  assignee?: string;

  @ApiPropertyOptional({
    description: 'Text searched in the label (its codes and their Vietnamese words), case and diacritics ignored',
    example: 'nha nghi',
  })
  @IsOptional()
  @MinLength(1)
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` value of the previous page' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,400}$/)
  cursor?: string;
}

/** An opaque page cursor: base64url of the last row's activity time, case id and kind. */
export function encodeCursor(cursor: CaseIndexCursor): string {
  return Buffer.from(JSON.stringify([cursor.lastEventAt, cursor.caseId, cursor.kind])).toString('base64url');
}

/** The cursor back, or null when it is not one this API made. */
export function decodeCursor(value: string): CaseIndexCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((part) => typeof part === 'string')) return null;
    const [lastEventAt, caseId, kind] = parsed as [string, string, string];
    if (Number.isNaN(Date.parse(lastEventAt)) || !/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(lastEventAt)) return null;
    if (!(CASE_INDEX_KINDS as readonly string[]).includes(kind) || caseId.length === 0 || caseId.length > 200) return null;
    return { lastEventAt, caseId, kind };
  } catch {
    return null;
  }
}

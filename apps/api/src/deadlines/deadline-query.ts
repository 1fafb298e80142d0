import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Matches, Max, Min } from 'class-validator';
import { DEADLINE_KINDS, type DeadlineKind, type DeadlineStatus } from '../../../../libs/deadlines/src/domain/deadline-rows.js';

const STATUSES: readonly DeadlineStatus[] = ['due', 'overdue', 'met'];

export class DeadlineFilterQuery {
  @ApiPropertyOptional({ description: 'A unit code: that unit and the units below it (default: everywhere you may list)' })
  @IsOptional()
  @Matches(/^[A-Z0-9]{2,8}$/)
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'An assignee (officer) id, or "me"' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_.:@-]{1,100}$/)
  assignee?: string;

  @ApiPropertyOptional({ enum: STATUSES, description: 'due: open, not yet past; overdue: open and past, or done late; met: done in time' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: DeadlineStatus;

  @ApiPropertyOptional({ description: 'Due strictly before this date (YYYY-MM-DD, midnight in Vietnam) or instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  before?: string;

  @ApiPropertyOptional({ enum: DEADLINE_KINDS })
  @IsOptional()
  @IsIn(DEADLINE_KINDS)
  kind?: DeadlineKind;
}

export class DeadlineListQuery extends DeadlineFilterQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 5000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

export class DeadlineSummaryQuery extends DeadlineFilterQuery {
  @ApiPropertyOptional({ enum: ['jurisdiction', 'assignee'], default: 'jurisdiction' })
  @IsOptional()
  @IsIn(['jurisdiction', 'assignee'])
  by?: 'jurisdiction' | 'assignee';
}

/** A date means midnight starting that day in Vietnam; an instant is taken as given. */
export function beforeInstant(before: string | undefined): Date | undefined {
  if (before === undefined) return undefined;
  return new Date(/^\d{4}-\d{2}-\d{2}$/.test(before) ? `${before}T00:00:00+07:00` : before);
}

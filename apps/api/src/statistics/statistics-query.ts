import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import type { PeriodKind } from '../../../../libs/statistics/src/domain/periods.js';
import { REPORT_FORMATS, type ReportFormat } from '../../../../libs/indicators/src/reports/render-report.js';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../../../libs/indicators/src/reports/periodic-report.js';

/** The periods asked by name in the query, and the statistical period kinds they are. */
export const QUERY_PERIODS = {
  year: 'year',
  half: 'half_year',
  quarter: 'quarter',
  month: 'month',
  nine_months: 'nine_months',
} as const satisfies Record<string, PeriodKind>;
export type QueryPeriod = keyof typeof QUERY_PERIODS;
export const PERIODS_PER_YEAR: Record<QueryPeriod, number> = { year: 1, half: 2, quarter: 4, month: 12, nine_months: 1 };

const UNIT = /^[A-Z0-9]{2,8}$/;

export class PlansQuery {
  @ApiPropertyOptional({
    description: 'A unit code: a commune, a province, or VN; default: the widest scope the caller reads statistics in',
    example: '01',
  })
  @IsOptional()
  @Matches(UNIT)
  area?: string;
}

export class TrendQuery {
  @ApiProperty({ description: 'A unit code: a commune, a province, or VN', example: '01' })
  @Matches(UNIT)
  area!: string;

  @ApiProperty({ description: 'The calendar year, month by month', example: 2026, minimum: 2000, maximum: 2100 })
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year!: number;
}

export class IndicatorQuery extends TrendQuery {
  @ApiProperty({ enum: Object.keys(QUERY_PERIODS), description: 'The kind of statistical period', example: 'year' })
  @IsIn(Object.keys(QUERY_PERIODS))
  period!: QueryPeriod;

  @ApiPropertyOptional({
    description: 'Which period of the year (month 1-12, quarter 1-4, half 1-2; 1 for a year)',
    example: 1,
    minimum: 1,
    maximum: 12,
    default: 1,
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(12)
  index?: number;

  @ApiPropertyOptional({
    description: 'A plan (programme activity id): its targets give target and met, its calendar the statistical months',
    example: 'b3c1f0de-5c1e-4f7a-9d2b-0a4e8c6f1a22',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/)
  plan?: string;
}

export class ReportQuery extends IndicatorQuery {
  @ApiPropertyOptional({
    enum: REPORT_FORMATS,
    default: 'json',
    description: 'json, csv (UTF-8 with BOM, for Excel), xlsx, pdf (A4 landscape), or html (printable)',
    example: 'csv',
  })
  @IsOptional()
  @IsIn(REPORT_FORMATS)
  format?: ReportFormat;

  @ApiPropertyOptional({ enum: REPORT_LANGUAGES, default: 'vi', description: 'Vietnamese (default) or English', example: 'vi' })
  @IsOptional()
  @IsIn(REPORT_LANGUAGES)
  lang?: ReportLanguage;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  DSR_LIMITS,
  REFUSAL_REASONS,
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  type RefusalReason,
  type RequestChannel,
  type RequestKind,
  type RequestStatus,
} from '../../../../libs/data-subject-requests/src/domain/data-subject-request.js';
import { SUBJECT_ID } from '../cases/case-http.js';

export class FileRequestBody {
  @ApiProperty({
    example: 'su-7K3M9Q2X',
    description:
      'The pseudonymous id of the data subject (never a name), as the support case shows it. Internal. The request’s jurisdiction is the one of the subject’s own record; support staff may name only subjects of the support compartment.',
  })
  @Matches(SUBJECT_ID, { message: 'subjectId must be a pseudonymous subject id (letters, digits, "_", ".", ":" or "-", at most 100)' })
  subjectId!: string;

  @ApiProperty({ enum: REQUEST_KINDS, description: 'view, correct, restrict, object or delete (deletion is done by crypto-shredding).' })
  @IsIn(REQUEST_KINDS)
  requestKind!: RequestKind;

  @ApiProperty({ enum: REQUEST_CHANNELS })
  @IsIn(REQUEST_CHANNELS)
  channel!: RequestChannel;

  @ApiPropertyOptional({
    example: '2026-05-04T09:00:00+07:00',
    description: 'When the request was received (default: now); the legal time limits run from it.',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  receivedAt?: string;
}

export class CompleteRequestBody {
  @ApiProperty({
    example: 'Đã cung cấp bản sao dữ liệu cho người yêu cầu',
    maxLength: DSR_LIMITS.outcome,
    description: 'What was done. Internal: no personal data.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(DSR_LIMITS.outcome)
  outcome!: string;
}

export class RefuseRequestBody {
  @ApiProperty({ enum: REFUSAL_REASONS })
  @IsIn(REFUSAL_REASONS)
  reason!: RefusalReason;

  @ApiProperty({
    example: 'Yêu cầu không thuộc phạm vi dữ liệu được lưu',
    maxLength: DSR_LIMITS.explanation,
    description: 'The explanation given to the person. Internal: no personal data.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(DSR_LIMITS.explanation)
  explanation!: string;
}

export class AcknowledgeRequestBody {}

export class AuthoriseErasureBody {}

const STATUSES: readonly RequestStatus[] = ['received', 'acknowledged', 'completed', 'refused'];

export class ListRequestsQuery {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: RequestStatus;

  @ApiPropertyOptional({ enum: REQUEST_KINDS })
  @IsOptional()
  @IsIn(REQUEST_KINDS)
  requestKind?: RequestKind;

  @ApiPropertyOptional({ description: 'true: only requests with a limit passed and the duty still open.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;

  @ApiPropertyOptional({ example: '01', description: 'Look into this province or commune (default: your widest scope).' })
  @IsOptional()
  @Matches(/^(VN|\d{2}|\d{5})$/, { message: 'jurisdiction must be VN, a province or a commune code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

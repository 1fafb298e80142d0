import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ACT_CODES,
  ADDITIONAL_MEASURES,
  OFFENDER_TYPES,
  type ActCode,
  type AdditionalMeasure,
  type OffenderType,
} from '../../../../libs/penalties/src/domain/penalty-reference.js';
import {
  CLOSURE_REASONS,
  ENFORCEMENT_MEASURES,
  SANCTIONS,
  type ClosureReason,
  type EnforcementMeasure,
  type SanctionKind,
} from '../../../../libs/penalties/src/domain/penalty-types.js';
import { CALENDAR_DATE, CASE_ID, SUBJECT_ID } from '../cases/case-http.js';

const MAX_VND = 10_000_000_000;
const date = (field: string) => Matches(CALENDAR_DATE, { message: `${field} must be a date YYYY-MM-DD` });
const subjectId = () => Matches(SUBJECT_ID, { message: 'subjectId must be 1-100 letters, digits, "_", ".", ":" or "-"' });

export class PersonBody {
  @ApiProperty({ example: 'Nguyễn Văn A', description: 'Personal: encrypted with the person’s own key.' })
  @IsString()
  @Length(1, 200)
  fullName!: string;

  @ApiPropertyOptional({ example: '001200000001', description: 'ID card or registration number. Personal.' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  idNumber?: string;

  @ApiPropertyOptional({ example: 'Thôn 3, xã Chương Mỹ', description: 'Personal.' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  address?: string;
}

export class RecordViolationBody {
  @ApiProperty({ example: '10015', description: 'Commune or province code: the case jurisdiction.' })
  @Matches(/^\d{2}(\d{3})?$/, { message: 'jurisdiction must be a province (2-digit) or commune (5-digit) code' })
  jurisdiction!: string;

  @ApiProperty({
    example: '2026-03-02',
    description:
      'Day of the violation (its end, for a continuing one); the limitation period runs from it. From 2025-12-15 (Decree 282/2025).',
  })
  @date('violationDate')
  violationDate!: string;

  @ApiProperty({ example: '2026-03-03', description: 'Day the violation record (biên bản) was drawn up; the time limits run from it.' })
  @date('recordedOn')
  recordedOn!: string;

  @ApiProperty({ enum: ACT_CODES, example: '32', description: 'The act, as numbered in Decree 282/2025/NĐ-CP.' })
  @IsIn(ACT_CODES)
  act!: ActCode;

  @ApiPropertyOptional({ example: false, description: 'Two or more people at once (higher bracket of arts. 32, 33).' })
  @IsOptional()
  @IsBoolean()
  multiplePeopleAtOnce?: boolean;

  @ApiProperty({ enum: OFFENDER_TYPES, example: 'individual' })
  @IsIn(OFFENDER_TYPES)
  offenderType!: OffenderType;

  @ApiProperty({ type: [PersonBody], description: 'The people penalised (one organisation for an organisation).' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PersonBody)
  people!: PersonBody[];

  @ApiPropertyOptional({ example: 'tip-0001', description: 'The tip passed to administrative handling, by id only.' })
  @IsOptional()
  @Matches(CASE_ID, { message: 'tipId must be a case id' })
  tipId?: string;

  @ApiPropertyOptional({ example: 'Found at the guesthouse during an unannounced check', description: 'Personal: encrypted.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  summary?: string;
}

export class SubjectBody {
  @ApiProperty({ example: 'penalised-0042' })
  @subjectId()
  subjectId!: string;
}

export class ReasonBody {
  @ApiProperty({ example: 'Several people involved; identities to verify', description: 'Internal.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class RecordExplanationBody extends SubjectBody {
  @ApiProperty({ example: '2026-03-06' })
  @date('receivedOn')
  receivedOn!: string;

  @ApiProperty({ example: 'I was only a guest there', description: 'Personal: encrypted with the person’s key.' })
  @IsString()
  @Length(1, 5000)
  explanation!: string;
}

export class SanctionBody extends SubjectBody {
  @ApiProperty({ enum: SANCTIONS, example: 'fine' })
  @IsIn(SANCTIONS)
  sanction!: SanctionKind;

  @ApiPropertyOptional({ example: 1_500_000, description: 'VND, for a fine: within the act’s bracket (organisations ×2).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_VND)
  amount?: number;
}

export class DecidePenaltyBody {
  @ApiProperty({ example: '12/QĐ-XPHC' })
  @IsString()
  @Length(1, 100)
  decisionNumber!: string;

  @ApiProperty({ type: [SanctionBody], description: 'One per person on the record.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => SanctionBody)
  sanctions!: SanctionBody[];

  @ApiPropertyOptional({ enum: ADDITIONAL_MEASURES, isArray: true, example: ['confiscation'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @IsIn(ADDITIONAL_MEASURES, { each: true })
  additionalMeasures?: AdditionalMeasure[];
}

export class DeliverBody {
  @ApiProperty({ example: '2026-03-11', description: 'Day the decision reached the person.' })
  @date('deliveredOn')
  deliveredOn!: string;
}

export class RecordPaymentBody extends SubjectBody {
  @ApiProperty({ example: '2026-03-20' })
  @date('paidOn')
  paidOn!: string;

  @ApiProperty({ example: 1_500_000, description: 'VND: the fine plus the late fee (0.05 % a day after the payment period).' })
  @IsInt()
  @Min(1)
  @Max(MAX_VND)
  amountPaid!: number;
}

export class OrderEnforcementBody extends SubjectBody {
  @ApiProperty({ enum: ENFORCEMENT_MEASURES, example: 'salary_deduction' })
  @IsIn(ENFORCEMENT_MEASURES)
  measure!: EnforcementMeasure;
}

export class RecordComplaintBody extends SubjectBody {
  @ApiProperty({ example: '2026-04-01', description: 'Day the complaint was received.' })
  @date('receivedOn')
  receivedOn!: string;
}

export class ClosePenaltyCaseBody {
  @ApiProperty({ enum: CLOSURE_REASONS, example: 'no_violation' })
  @IsIn(CLOSURE_REASONS)
  reason!: ClosureReason;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import {
  FINDINGS,
  INSPECTION_MODES,
  MEMBER_AGENCIES,
  type Findings,
  type InspectionMode,
  type MemberAgency,
} from '../../../../libs/inspections/src/domain/inspection.js';
import { CALENDAR_DATE, CASE_ID } from '../cases/case-http.js';

export class PlanInspectionBody {
  @ApiProperty({ example: '6f1c2d3e-0000-5000-8000-000000000001', description: 'The establishment to inspect (internal).' })
  @Matches(CASE_ID, { message: 'establishmentId must be a case id' })
  establishmentId!: string;

  @ApiProperty({ example: '10015', description: 'Commune or province code: the case jurisdiction.' })
  @Matches(/^\d{2}(\d{3})?$/, { message: 'jurisdiction must be a province (2-digit) or commune (5-digit) code' })
  jurisdiction!: string;

  @ApiProperty({ enum: INSPECTION_MODES, example: 'scheduled', description: 'Scheduled (định kỳ) or unannounced (đột xuất).' })
  @IsIn(INSPECTION_MODES)
  mode!: InspectionMode;

  @ApiPropertyOptional({
    example: '6f1c2d3e-0000-5000-8000-000000000009',
    description: 'Unannounced checks only: the id of the tip that triggered it, never its content.',
  })
  @IsOptional()
  @Matches(CASE_ID, { message: 'triggeringTipId must be a case id' })
  triggeringTipId?: string;

  @ApiProperty({ example: '2026-05-04', description: 'Planned date (Vietnam calendar day).' })
  @Matches(CALENDAR_DATE, { message: 'plannedDate must be a date YYYY-MM-DD' })
  plannedDate!: string;
}

export class TeamMemberBody {
  @ApiProperty({ enum: MEMBER_AGENCIES, example: 'police' })
  @IsIn(MEMBER_AGENCIES)
  agency!: MemberAgency;

  @ApiProperty({ example: 'Trần Văn B', description: 'Personal: encrypted with the member’s key.' })
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class ConductInspectionBody {
  @ApiProperty({ example: '2026-05-04', description: 'Date of the check: not before the planned date, not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'conductedOn must be a date YYYY-MM-DD' })
  conductedOn!: string;

  @ApiProperty({ type: [TeamMemberBody], description: 'The team: at least 3 members (Decree 178/2004/NĐ-CP); fewer is a 422.' })
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => TeamMemberBody)
  members!: TeamMemberBody[];

  @ApiProperty({ enum: FINDINGS, example: 'violations' })
  @IsIn(FINDINGS)
  findings!: Findings;

  @ApiPropertyOptional({
    example: 'No guest register; rooms locked from outside',
    description: 'Required with violations, absent when compliant (internal).',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  violationDescription?: string;
}

export class LinkInspectionPenaltyBody {
  @ApiProperty({ example: '6f1c2d3e-0000-5000-8000-000000000002' })
  @Matches(CASE_ID, { message: 'penaltyCaseId must be a case id' })
  penaltyCaseId!: string;
}

export class CloseInspectionBody {
  @ApiPropertyOptional({ example: 'Findings sent to the commune People’s Committee', description: 'Internal.' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

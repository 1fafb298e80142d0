import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AUDIENCES, STAFF_LEVELS, type Audience, type StaffLevel } from '../../../../libs/statistics/src/domain/facts.js';
import { INDICATOR_CODES, type IndicatorCode } from '../../../../libs/statistics/src/domain/indicator-catalogue.js';
import { PERIOD_KINDS, type PeriodKind } from '../../../../libs/statistics/src/domain/periods.js';
import { CADENCES, COMPARATORS, type Cadence, type Comparator } from '../../../../libs/statistics/src/domain/targets.js';
import {
  COMMUNICATION_FORMS,
  INTEGRATED_PROGRAMMES,
  ISSUER_LEVELS,
  PILOT_MODEL_KINDS,
  type CommunicationForm,
  type IntegratedProgramme,
  type IssuerLevel,
  type PilotModelKind,
} from '../../../../libs/programme/src/domain/programme-types.js';
import { CALENDAR_DATE } from '../cases/case-http.js';

const JURISDICTION = /^\d{2}(\d{3})?$/;
const JURISDICTION_MESSAGE = 'jurisdiction must be a province (2-digit) or commune (5-digit) code';
const date = (field: string) => Matches(CALENDAR_DATE, { message: `${field} must be a date YYYY-MM-DD` });
const MAX_PEOPLE = 10_000_000;

export class IssuerBody {
  @ApiProperty({ example: 'UBND tỉnh Gia Lai' }) @IsString() @Length(1, 200) name!: string;
  @ApiProperty({ enum: ISSUER_LEVELS, example: 'province', description: 'district: a pre-2025 district.' })
  @IsIn(ISSUER_LEVELS)
  level!: IssuerLevel;
}

export class PeriodBody {
  @ApiProperty({ example: '2026-01-01' }) @date('period.from') from!: string;
  @ApiProperty({ example: '2030-12-31', description: 'Last day of the plan (included).' }) @date('period.to') to!: string;
}

export class PlanAreaBody {
  @ApiProperty({
    enum: ['current', 'pre_2025'],
    example: 'current',
    description: 'pre_2025: the units are codes from before the 2025 reform.',
  })
  @IsIn(['current', 'pre_2025'])
  era!: 'current' | 'pre_2025';

  @ApiProperty({ example: ['52'], description: 'Unit codes the plan covers.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^(VN|\d{2,5})$/, { each: true, message: 'area.units must be unit codes' })
  units!: string[];

  @ApiProperty({ example: 'Tỉnh Gia Lai' }) @IsString() @Length(1, 200) label!: string;
}

export class DueRuleBody {
  @ApiProperty({ enum: ['day_of_following_month', 'fixed_date'], example: 'fixed_date' })
  @IsIn(['day_of_following_month', 'fixed_date'])
  kind!: 'day_of_following_month' | 'fixed_date';

  @ApiPropertyOptional({ example: 6, description: 'fixed_date only: the month.' }) @IsOptional() @IsInt() @Min(1) @Max(12) month?: number;
  @ApiProperty({ example: 16, description: 'Due before this day.' }) @IsInt() @Min(1) @Max(31) day!: number;
}

export class ReportRuleBody {
  @ApiProperty({ enum: PERIOD_KINDS, example: 'half_year' }) @IsIn(PERIOD_KINDS) period!: PeriodKind;
  @ApiProperty({ type: DueRuleBody }) @IsDefined() @ValidateNested() @Type(() => DueRuleBody) dueBefore!: DueRuleBody;
}

export class ReportingBody {
  @ApiProperty({ example: 15, description: '1: calendar months; 15: statistical months from the 15th (the year 15/12 to 14/12).' })
  @IsInt()
  @Min(1)
  @Max(28)
  monthStartsOnDay!: number;

  @ApiProperty({ type: [ReportRuleBody] })
  @IsDefined()
  @IsArray()
  @ArrayMaxSize(5)
  @ValidateNested({ each: true })
  @Type(() => ReportRuleBody)
  reports!: ReportRuleBody[];
  @ApiPropertyOptional({ example: 'báo cáo năm (trước ngày 16/12)', description: 'The plan’s words.' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  quote?: string;
}

export class TargetBody {
  @ApiProperty({ enum: INDICATOR_CODES, example: 'at_risk_establishments_inspected' }) @IsIn(INDICATOR_CODES) indicator!: IndicatorCode;
  @ApiPropertyOptional({ enum: STAFF_LEVELS, description: 'staff_trained only.' }) @IsOptional() @IsIn(STAFF_LEVELS) subgroup?: StaffLevel;
  @ApiProperty({ enum: COMPARATORS, example: 'at_least' }) @IsIn(COMPARATORS) comparator!: Comparator;
  @ApiProperty({ example: 20 }) @IsNumber({ allowNaN: false, allowInfinity: false }) value!: number;
  @ApiPropertyOptional({ example: 5, description: 'Upper end of a range ("3% - 5%").' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  upTo?: number;
  @ApiProperty({ enum: CADENCES, example: 'yearly' }) @IsIn(CADENCES) cadence!: Cadence;
  @ApiProperty({ example: 'tổ chức kiểm tra ít nhất 20% số cơ sở …', description: 'The plan’s own words.' })
  @IsString()
  @Length(1, 1000)
  quote!: string;
}

export class ReportedStatisticBody {
  @ApiProperty({ enum: INDICATOR_CODES }) @IsIn(INDICATOR_CODES) indicator!: IndicatorCode;
  @ApiProperty() @IsString() @Length(1, 1000) quote!: string;
}

export class UntrackedTargetBody {
  @ApiProperty() @IsString() @Length(1, 1000) quote!: string;
  @ApiProperty({ example: 'Chỉ tiêu chưa được ghi nhận trong kế hoạch' }) @IsString() @Length(1, 1000) reason!: string;
}

export class AdoptPlanBody {
  @ApiProperty({ example: '52', description: 'The unit whose officers may see and change the plan.' })
  @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE })
  jurisdiction!: string;
  @ApiProperty({ type: IssuerBody }) @IsDefined() @ValidateNested() @Type(() => IssuerBody) issuer!: IssuerBody;
  @ApiProperty({ example: 'Kế hoạch thực hiện Chương trình phòng, chống mại dâm giai đoạn 2026-2030' })
  @IsString()
  @Length(1, 500)
  title!: string;
  @ApiPropertyOptional({ example: '123/KH-UBND' }) @IsOptional() @IsString() @Length(1, 100) documentRef?: string;
  @ApiPropertyOptional({ example: '2026-06-01', description: 'Absent when the document carries no date.' })
  @IsOptional()
  @date('adoptedOn')
  adoptedOn?: string;
  @ApiProperty({ type: PeriodBody }) @IsDefined() @ValidateNested() @Type(() => PeriodBody) period!: PeriodBody;
  @ApiProperty({ type: PlanAreaBody }) @IsDefined() @ValidateNested() @Type(() => PlanAreaBody) area!: PlanAreaBody;
  @ApiProperty({ type: ReportingBody }) @IsDefined() @ValidateNested() @Type(() => ReportingBody) reporting!: ReportingBody;
  @ApiProperty({ type: [TargetBody] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TargetBody)
  targets!: TargetBody[];
  @ApiPropertyOptional({ type: [ReportedStatisticBody] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ReportedStatisticBody)
  reportedStatistics?: ReportedStatisticBody[];
  @ApiPropertyOptional({ type: [UntrackedTargetBody] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => UntrackedTargetBody)
  untracked?: UntrackedTargetBody[];
  @ApiPropertyOptional({ example: '004_efce47c321b40815.txt' })
  @IsOptional()
  @Matches(/^[\w.-]{1,200}$/, { message: 'sourceFile must be a file name' })
  sourceFile?: string;
}

export class RevisePlanBody {
  @ApiProperty({ example: '2026-09-01' }) @date('revisedOn') revisedOn!: string;
  @ApiProperty({ example: 'Hướng dẫn của Sở Y tế', description: 'Internal.' }) @IsString() @Length(1, 1000) reason!: string;
  @ApiPropertyOptional({ type: [TargetBody], description: 'The new targets (all of them).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => TargetBody)
  targets?: TargetBody[];
  @ApiPropertyOptional({ type: ReportingBody }) @IsOptional() @ValidateNested() @Type(() => ReportingBody) reporting?: ReportingBody;
}

export class WithdrawPlanBody {
  @ApiProperty({ example: '2026-10-01' }) @date('withdrawnOn') withdrawnOn!: string;
  @ApiProperty({ example: 'Thay thế bằng kế hoạch mới', description: 'Internal.' }) @IsString() @Length(1, 1000) reason!: string;
}

export class CommunicationBody {
  @ApiProperty({ example: '18775' }) @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE }) jurisdiction!: string;
  @ApiProperty({ example: '2026-04-10' }) @date('heldOn') heldOn!: string;
  @ApiProperty({ enum: COMMUNICATION_FORMS, example: 'meeting' }) @IsIn(COMMUNICATION_FORMS) form!: CommunicationForm;
  @ApiProperty({ enum: AUDIENCES, example: 'establishment_workers' }) @IsIn(AUDIENCES) audience!: Audience;
  @ApiProperty({ example: 120, description: 'People reached.' }) @IsInt() @Min(0) @Max(MAX_PEOPLE) reach!: number;
  @ApiProperty({ example: true, description: 'A form kept up regularly (được duy trì thường xuyên).' }) @IsBoolean() recurring!: boolean;
  @ApiPropertyOptional({ example: ['Thôn 1', 'Thôn 2'], description: 'Villages (thôn) reached.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @Length(1, 100, { each: true })
  villages?: string[];
}

export class ParticipantsBody {
  @ApiPropertyOptional({ example: 25 }) @IsOptional() @IsInt() @Min(0) @Max(100_000) province?: number;
  @ApiPropertyOptional({ example: 0, description: 'Pre-2025 district level.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000)
  district?: number;
  @ApiPropertyOptional({ example: 40 }) @IsOptional() @IsInt() @Min(0) @Max(100_000) commune?: number;
}

export class TrainingBody {
  @ApiProperty({ example: '52' }) @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE }) jurisdiction!: string;
  @ApiProperty({ example: '2026-05-20' }) @date('heldOn') heldOn!: string;
  @ApiProperty({ example: 'Hỗ trợ giảm hại, hòa nhập cộng đồng' }) @IsString() @Length(1, 500) topic!: string;
  @ApiProperty({ type: ParticipantsBody, description: 'Distinct staff trained, per level.' })
  @IsDefined()
  @ValidateNested()
  @Type(() => ParticipantsBody)
  participants!: ParticipantsBody;
}

export class IntegrationBody {
  @ApiProperty({ example: '23575' }) @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE }) jurisdiction!: string;
  @ApiProperty({ example: '2026-02-01' }) @date('recordedOn') recordedOn!: string;
  @ApiProperty({ enum: INTEGRATED_PROGRAMMES, isArray: true, example: ['socio_economic'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsIn(INTEGRATED_PROGRAMMES, { each: true })
  programmes!: IntegratedProgramme[];
  @ApiPropertyOptional({ example: '12/NQ-HĐND' }) @IsOptional() @IsString() @Length(1, 100) documentRef?: string;
}

export class PilotModelBody {
  @ApiProperty({ example: '27559' }) @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE }) jurisdiction!: string;
  @ApiProperty({ example: '2026-03-01' }) @date('startedOn') startedOn!: string;
  @ApiProperty({ enum: PILOT_MODEL_KINDS, example: 'harm_reduction' }) @IsIn(PILOT_MODEL_KINDS) modelKind!: PilotModelKind;
  @ApiProperty({ example: 'Câu lạc bộ đồng đẳng' }) @IsString() @Length(1, 300) name!: string;
}

export class EndPilotModelBody {
  @ApiProperty({ example: '2026-11-30' }) @date('endedOn') endedOn!: string;
  @ApiProperty({ example: 'Thay thế bằng kế hoạch mới', description: 'Internal.' }) @IsString() @Length(1, 1000) reason!: string;
}

export class WebsitePostBody {
  @ApiProperty({ example: '79' }) @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE }) jurisdiction!: string;
  @ApiProperty({ example: '2026-03-05' }) @date('publishedOn') publishedOn!: string;
  @ApiProperty({ example: 'Tuyên truyền phòng, chống mại dâm' }) @IsString() @Length(1, 500) title!: string;
  @ApiProperty({ example: 'https://example.gov.vn/tin/1' }) @IsString() @Length(1, 2000) url!: string;
}

export class FiguresBody {
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_PEOPLE) staffProvince?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_PEOPLE) staffDistrict?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_PEOPLE) staffCommune?: number;
  @ApiPropertyOptional({ description: 'All officials and staff (for briefings).' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_PEOPLE)
  staffAll?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_PEOPLE) workersAtRiskEstablishments?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_PEOPLE) highSchoolStudents?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(0) @Max(MAX_PEOPLE) villages?: number;
}

export class ReferenceFiguresBody {
  @ApiProperty({ example: '79' }) @Matches(JURISDICTION, { message: JURISDICTION_MESSAGE }) jurisdiction!: string;
  @ApiProperty({ example: ['27559', '27568', '27577', '27592'], description: 'Current units the figures describe, as a whole.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @Matches(/^(VN|\d{2}|\d{5})$/, { each: true, message: 'area must be current unit codes' })
  area!: string[];

  @ApiProperty({ example: '2026-01-01' }) @date('asOf') asOf!: string;
  @ApiProperty({ type: FiguresBody }) @IsDefined() @ValidateNested() @Type(() => FiguresBody) figures!: FiguresBody;
}

export class RetractBody {
  @ApiProperty({ example: '2026-03-06' }) @date('retractedOn') retractedOn!: string;
  @ApiProperty({ example: 'Entered twice', description: 'Internal.' }) @IsString() @Length(1, 1000) reason!: string;
}

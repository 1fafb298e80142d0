import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsObject, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import {
  ADMINISTRATIVE_ACTS,
  EXTENSION_REASONS,
  PROSECUTION_RESOLUTIONS,
  SUSPENSION_GROUNDS,
  TIP_CATEGORIES,
  TIP_CHANNELS,
  TIP_KINDS,
  TIP_OUTCOMES,
  TRANSFER_REASONS,
  type AdministrativeAct,
  type ExtensionReason,
  type ProsecutionResolution,
  type SuspensionGround,
  type TipCategory,
  type TipChannel,
  type TipKind,
  type TipOutcome,
  type TransferReason,
} from '../../../../libs/tips/src/domain/tip-types.js';

const NOTE = { description: 'Free text; may name people, so it is stored encrypted (personal).', maxLength: 2000 };
const REFERENCE = /^[\p{L}\p{N} ./_-]{1,100}$/u;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const NOTIFICATION_METHODS = ['phone', 'in_person', 'written', 'electronic'] as const;

export class TipReporterBody {
  @ApiProperty({ example: 'Nguyễn Văn A', description: 'Sensitive: encrypted with the reporter’s own key.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ example: '0900 000 000', description: 'Phone, e-mail or address; sensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  contact?: string;
}

export class ReceiveTipBody {
  @ApiProperty({
    example: '10015',
    description: 'Province or commune code in force (post-2025) of the receiving agency; the case jurisdiction.',
  })
  @Matches(/^\d{2}(\d{3})?$/, { message: 'jurisdiction must be a province (2 digits) or commune (5 digits) code' })
  jurisdiction!: string;

  @ApiProperty({ enum: TIP_CHANNELS })
  @IsIn(TIP_CHANNELS)
  channel!: TipChannel;

  @ApiProperty({ enum: TIP_KINDS, description: 'tố giác, tin báo, kiến nghị khởi tố, phản ánh' })
  @IsIn(TIP_KINDS)
  kind!: TipKind;

  @ApiPropertyOptional({
    example: '2026-03-02T09:00:00+07:00',
    description: 'When the tip reached the agency; defaults to now. The legal time limits run from it.',
  })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  receivedAt?: string;

  @ApiProperty({
    description: 'What is reported; personal (encrypted).',
    maxLength: 5000,
    example: 'Môi giới mại dâm tại quán karaoke, tổ 3',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(5000)
  allegation!: string;

  @ApiProperty({ description: 'An anonymous tip carries no reporter.', example: true })
  @IsBoolean()
  anonymous!: boolean;

  @ApiPropertyOptional({ type: TipReporterBody })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TipReporterBody)
  reporter?: TipReporterBody;

  @ApiPropertyOptional({ description: 'The agency that passed the tip on (channel transferred_from_agency); internal.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sourceAgency?: string;
}

export class ClassifyTipBody {
  @ApiProperty({ enum: TIP_CATEGORIES, description: 'trafficking_for_sexual_exploitation and involving_minor escalate the tip.' })
  @IsIn(TIP_CATEGORIES)
  category!: TipCategory;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class TransferTipBody {
  @ApiProperty({ example: 'Công an tỉnh Gia Lai', description: 'The competent agency; internal.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  receivingAgency!: string;

  @ApiProperty({ enum: TRANSFER_REASONS })
  @IsIn(TRANSFER_REASONS)
  reason!: TransferReason;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AssignTipBody {
  @ApiProperty({ example: 'officer-7', description: 'User id of the officer who will verify the tip.' })
  @Matches(/^[A-Za-z0-9_.:@-]{1,100}$/, { message: 'assigneeId must be a user id (letters, digits, "_", ".", ":", "@", "-")' })
  assigneeId!: string;
}

export class NotifyProcuracyBody {
  @ApiProperty({ example: 'VKSND khu vực 5 - Hà Nội' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  procuracy!: string;

  @ApiPropertyOptional({ example: '12/TB-CAX' })
  @IsOptional()
  @Matches(REFERENCE, { message: 'documentRef must be a document number' })
  documentRef?: string;
}

export class NotifyReporterBody {
  @ApiProperty({ enum: NOTIFICATION_METHODS })
  @IsIn(NOTIFICATION_METHODS)
  method!: (typeof NOTIFICATION_METHODS)[number];
}

export class TipNoteBody {
  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ExtendVerificationBody {
  @ApiProperty({
    example: '2026-04-30',
    description:
      'The new limit (a date in Vietnam): at most 2 months after receipt, or with a procuracy decision once more up to 2 months (CPC 2015 art. 147(2)).',
  })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'until must be a date YYYY-MM-DD' })
  until!: string;

  @ApiProperty({ enum: EXTENSION_REASONS })
  @IsIn(EXTENSION_REASONS)
  reason!: ExtensionReason;

  @ApiPropertyOptional({
    example: '05/QĐ-VKS',
    description: 'The procuracy’s extension decision; makes this the procuracy’s one extension.',
  })
  @IsOptional()
  @Matches(REFERENCE, { message: 'procuracyDecisionRef must be a document number' })
  procuracyDecisionRef?: string;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class SuspendTipBody {
  @ApiProperty({ enum: SUSPENSION_GROUNDS, description: 'The grounds of CPC 2015 art. 148(1); only once the time limit has run.' })
  @IsIn(SUSPENSION_GROUNDS)
  ground!: SuspensionGround;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CloseTipBody {
  @ApiProperty({ enum: TIP_OUTCOMES })
  @IsIn(TIP_OUTCOMES)
  outcome!: TipOutcome;

  @ApiPropertyOptional({
    enum: ADMINISTRATIVE_ACTS,
    description: 'Decree 282/2025 article; required with passed_to_administrative_handling.',
  })
  @IsOptional()
  @IsIn(ADMINISTRATIVE_ACTS)
  suggestedAct?: AdministrativeAct;

  @ApiPropertyOptional({ example: '01/QĐ-KTVA', description: 'Only with criminal_case_opened.' })
  @IsOptional()
  @Matches(REFERENCE, { message: 'criminalCaseRef must be a document number' })
  criminalCaseRef?: string;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class TipHandOverBody {
  @ApiProperty({ example: 'Chủ tịch UBND xã Chương Mỹ', description: 'The sanctioning official who receives the file; internal.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  sanctioningAuthority!: string;

  @ApiPropertyOptional({ example: '7/BG' })
  @IsOptional()
  @Matches(REFERENCE, { message: 'documentRef must be a document number' })
  documentRef?: string;
}

export class RecordProsecutionFileBody {
  @ApiProperty({
    example: '2026-04-01',
    description:
      'The day (in Vietnam) the case file was sent to the procuracy recommending prosecution (đề nghị truy tố); not in the future, not before the criminal case was opened.',
  })
  @Matches(DAY, { message: 'sentOn must be a date YYYY-MM-DD' })
  sentOn!: string;

  @ApiProperty({ example: 'VKSND tỉnh Gia Lai', description: 'The People’s Procuracy that received the file; internal.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  procuracy!: string;

  @ApiPropertyOptional({ example: '15/KLĐT', description: 'Number of the investigation conclusion or transfer document; internal.' })
  @IsOptional()
  @Matches(REFERENCE, { message: 'fileRef must be a document number' })
  fileRef?: string;
}

export class RecordProsecutionOutcomeBody {
  @ApiProperty({
    example: '2026-04-20',
    description: 'The day (in Vietnam) the procuracy decided; not in the future, not before the file was sent.',
  })
  @Matches(DAY, { message: 'resolvedOn must be a date YYYY-MM-DD' })
  resolvedOn!: string;

  @ApiProperty({
    enum: PROSECUTION_RESOLUTIONS,
    description: 'truy tố, trả hồ sơ để điều tra bổ sung, tạm đình chỉ vụ án, đình chỉ vụ án (CPC 2015).',
  })
  @IsIn(PROSECUTION_RESOLUTIONS)
  resolution!: ProsecutionResolution;

  @ApiProperty({
    example: true,
    description: 'The decision was made within the legal time limit (CPC 2015 art. 240) and was not annulled or overturned.',
  })
  @IsBoolean()
  lawful!: boolean;
}

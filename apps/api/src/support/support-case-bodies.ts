import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import {
  CLOSURE_REASONS,
  CONSENT_METHODS,
  CONSENT_PURPOSES,
  DECLINE_REASONS,
  FIRST_CONTACT_CHANNELS,
  FOLLOW_UP_METHODS,
  NEEDS,
  REVOCATION_REASONS,
  SHAREABLE_FIELDS,
  SUPPORT_CASE_STATUSES,
  type ClosureReason,
  type ConsentMethod,
  type ConsentPurpose,
  type DeclineReason,
  type FirstContactChannel,
  type FollowUpMethod,
  type Need,
  type RevocationReason,
  type ShareableField,
  type SupportCaseStatus,
} from '../../../../libs/support/src/domain/support-case-types.js';
import { CALENDAR_DATE } from '../cases/case-http.js';

/** A user, provider or outreach referral id: opaque, never a name. */
const REFERENCE = /^[A-Za-z0-9_.:@-]{1,100}$/;
const reference = (field: string) => Matches(REFERENCE, { message: `${field} must be an id (letters, digits, "_", ".", ":", "@", "-")` });
const day = (field: string) => Matches(CALENDAR_DATE, { message: `${field} must be a date YYYY-MM-DD` });
const NOTE = {
  description: 'Free text; sensitive, sealed with the service user’s key. Write what the work needs, nothing more.',
  maxLength: 2000,
};

export class ServiceUserBody {
  @ApiPropertyOptional({ example: 'Mai', description: 'Name or the name the person chooses to give; sensitive.', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({
    example: '0912 000 111',
    description: 'Phone, Zalo or another way to reach the person; sensitive.',
    maxLength: 300,
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  contact?: string;

  @ApiPropertyOptional({ example: 1998, description: 'Year of birth only (never a full date); sensitive.' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  birthYear?: number;

  @ApiPropertyOptional({ example: 'Tổ 4, xã Chương Mỹ', description: 'Sensitive.', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  address?: string;
}

export class OpenSupportCaseBody {
  @ApiProperty({ example: '10015', description: 'Commune or province code in force: the case jurisdiction.' })
  @Matches(/^\d{2}(\d{3})?$/, { message: 'jurisdiction must be a province (2 digits) or commune (5 digits) code' })
  jurisdiction!: string;

  @ApiProperty({ enum: FIRST_CONTACT_CHANNELS, description: 'How the first contact came about.' })
  @IsIn(FIRST_CONTACT_CHANNELS)
  channel!: FirstContactChannel;

  @ApiPropertyOptional({
    example: 'outreach-ref-42',
    description: 'Only with channel outreach_referral: the referral’s id, nothing else about it.',
  })
  @IsOptional()
  @reference('outreachReferralId')
  outreachReferralId?: string;

  @ApiProperty({ example: '2026-05-04', description: 'Day of the first contact (Vietnam), not in the future.' })
  @day('contactedOn')
  contactedOn!: string;

  @ApiPropertyOptional({
    example: 'social-worker-7',
    description: 'The responsible social worker; defaults to you. A social worker opens cases for themselves only.',
  })
  @IsOptional()
  @reference('assigneeId')
  assigneeId?: string;

  @ApiPropertyOptional({
    type: ServiceUserBody,
    description: 'What the person chooses to tell; all optional, all sensitive. The system gives the client code.',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ServiceUserBody)
  serviceUser?: ServiceUserBody;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class AssignSupportCaseBody {
  @ApiProperty({
    example: 'social-worker-9',
    description: 'User id of the social worker who becomes responsible; the former one loses access.',
  })
  @reference('assigneeId')
  assigneeId!: string;
}

export class GiveConsentBody {
  @ApiProperty({ enum: CONSENT_PURPOSES, description: 'One purpose per consent.' })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiPropertyOptional({
    example: 'provider-health-station-10015',
    description: 'Required for purpose referral, refused otherwise: the one provider this consent allows.',
  })
  @IsOptional()
  @reference('providerId')
  providerId?: string;

  @ApiProperty({ example: 'v2026.1', description: 'Version of the consent wording read to or by the service user.' })
  @Matches(/^[A-Za-z0-9._-]{1,40}$/, { message: 'wordingVersion must be a version label (letters, digits, ".", "_", "-")' })
  wordingVersion!: string;

  @ApiProperty({ enum: CONSENT_METHODS })
  @IsIn(CONSENT_METHODS)
  method!: ConsentMethod;

  @ApiPropertyOptional({
    example: 'Nguyễn Văn Chứng',
    description: 'Required with verbal_witnessed: who heard the consent; personal.',
    maxLength: 200,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  witness?: string;

  @ApiProperty({ example: '2026-05-04' })
  @day('givenOn')
  givenOn!: string;
}

export class WithdrawConsentBody {
  @ApiProperty({ enum: CONSENT_PURPOSES })
  @IsIn(CONSENT_PURPOSES)
  purpose!: ConsentPurpose;

  @ApiPropertyOptional({
    example: 'provider-health-station-10015',
    description: 'For purpose referral: the provider whose consent is withdrawn; its open referrals are cancelled.',
  })
  @IsOptional()
  @reference('providerId')
  providerId?: string;

  @ApiProperty({ example: '2026-05-12' })
  @day('withdrawnOn')
  withdrawnOn!: string;
}

export class ScreenNeedsBody {
  @ApiProperty({ enum: NEEDS, isArray: true, description: 'Needs found (sensitive).' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(NEEDS.length)
  @ArrayUnique()
  @IsIn(NEEDS, { each: true })
  needs!: Need[];

  @ApiPropertyOptional({ ...NOTE, description: 'Health information; sensitive.' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  healthNotes?: string;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiProperty({ example: '2026-05-05' })
  @day('screenedOn')
  screenedOn!: string;
}

export class ReferToProviderBody {
  @ApiProperty({
    example: 'provider-health-station-10015',
    description: 'The receiving provider; needs the service user’s referral consent for it.',
  })
  @reference('providerId')
  providerId!: string;

  @ApiProperty({ enum: NEEDS, description: 'The need the provider is asked to meet (sensitive).' })
  @IsIn(NEEDS)
  service!: Need;

  @ApiProperty({ enum: SHAREABLE_FIELDS, isArray: true, description: 'What the provider may see: the least the service needs.' })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(SHAREABLE_FIELDS.length)
  @ArrayUnique()
  @IsIn(SHAREABLE_FIELDS, { each: true })
  sharedFields!: ShareableField[];

  @ApiProperty({ example: '2026-05-06' })
  @day('referredOn')
  referredOn!: string;
}

export class AcceptReferralBody {
  @ApiProperty({ example: '2026-05-07', description: 'When the provider accepted; not before the referral.' })
  @day('acceptedOn')
  acceptedOn!: string;
}

export class DeclineReferralBody {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reason!: DeclineReason;

  @ApiProperty({ example: '2026-05-07' })
  @day('declinedOn')
  declinedOn!: string;
}

export class RevokeReferralBody {
  @ApiProperty({ enum: REVOCATION_REASONS, description: 'Support supervisors only.' })
  @IsIn(REVOCATION_REASONS)
  reason!: RevocationReason;

  @ApiProperty({ example: '2026-05-08' })
  @day('revokedOn')
  revokedOn!: string;
}

export class ServiceDeliveredBody {
  @ApiProperty({ example: '2026-05-08' })
  @day('deliveredOn')
  deliveredOn!: string;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class FollowUpBody {
  @ApiProperty({ enum: FOLLOW_UP_METHODS })
  @IsIn(FOLLOW_UP_METHODS)
  method!: FollowUpMethod;

  @ApiProperty({ example: '2026-05-13', description: 'Needs the follow-up consent in force.' })
  @day('followUpOn')
  followUpOn!: string;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class CloseSupportCaseBody {
  @ApiProperty({ enum: CLOSURE_REASONS })
  @IsIn(CLOSURE_REASONS)
  reason!: ClosureReason;

  @ApiProperty({ example: '2026-05-14' })
  @day('closedOn')
  closedOn!: string;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ReopenSupportCaseBody {
  @ApiProperty({ example: '2026-05-15' })
  @day('reopenedOn')
  reopenedOn!: string;

  @ApiPropertyOptional(NOTE)
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

export class ListSupportCasesQuery {
  @ApiPropertyOptional({ enum: SUPPORT_CASE_STATUSES })
  @IsOptional()
  @IsIn(SUPPORT_CASE_STATUSES)
  status?: SupportCaseStatus;

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

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import {
  DECLINE_REASONS,
  LIMITS,
  type DeclineReason,
  type OutreachReferralStatus,
} from '../../../../libs/outreach/src/domain/outreach-referral.js';
import { CASE_ID } from '../cases/case-http.js';

/**
 * What enforcement may hand to support: where and how to reach the person and what they said they
 * need. There is deliberately no field for a tip, inspection, penalty or establishment, nor for an
 * offence: unknown fields are refused (400) and nothing is recorded.
 */
export class ReferBody {
  @ApiProperty({
    example: '10015',
    description: 'Code of the commune (in force) where the person can be reached: the referral’s jurisdiction.',
  })
  @Matches(/^\d{5}$/, { message: 'jurisdiction must be a commune code (5 digits)' })
  jurisdiction!: string;

  @ApiProperty({
    example: 'Số điện thoại 09xx xxx xxx, gọi sau 20 giờ',
    maxLength: LIMITS.contactHint,
    description: 'How to reach the person, as they agreed. Sensitive: encrypted; only the assigned social worker sees it.',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.contactHint)
  contactHint!: string;

  @ApiPropertyOptional({ example: 'vi', description: 'Preferred language (code). Internal.' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, { message: 'preferredLanguage must be a language code such as "vi"' })
  preferredLanguage?: string;

  @ApiPropertyOptional({
    example: 'Buổi tối các ngày trong tuần',
    maxLength: LIMITS.preferredTime,
    description: 'When the person prefers to be contacted. Internal.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.preferredTime)
  preferredTime?: string;

  @ApiPropertyOptional({
    example: 'Muốn được tư vấn sức khỏe và học nghề',
    maxLength: LIMITS.needsMentioned,
    description: 'Needs mentioned by the person, in their words. Sensitive: encrypted.',
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.needsMentioned)
  needsMentioned?: string;
}

export class AssignReferralBody {
  @ApiProperty({ example: 'social-worker-7', description: 'User id of the social worker who will reach the person.' })
  @Matches(/^[A-Za-z0-9_.:@-]{1,100}$/, { message: 'assigneeId must be a user id' })
  assigneeId!: string;
}

export class AcceptOutreachReferralBody {
  @ApiProperty({
    example: '6f1c2f1e-0c55-4d8e-9f4b-2a3a8d1e5b10',
    description: 'The support case that takes the person on (opened or found by the supervisor).',
  })
  @Matches(CASE_ID, { message: 'supportCaseId must be a case id' })
  supportCaseId!: string;
}

export class DeclineOutreachReferralBody {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reason!: DeclineReason;

  @ApiPropertyOptional({ maxLength: LIMITS.declineNote, description: 'Required for "other". Internal: no personal data.' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(LIMITS.declineNote)
  note?: string;
}

export const REFERRAL_STATUSES: readonly OutreachReferralStatus[] = ['received', 'assigned', 'accepted', 'declined'];

export class ListReferralsQuery {
  @ApiPropertyOptional({ enum: REFERRAL_STATUSES })
  @IsOptional()
  @IsIn(REFERRAL_STATUSES)
  status?: OutreachReferralStatus;

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

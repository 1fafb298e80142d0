import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import {
  ESTABLISHMENT_TYPES,
  RISK_CLASSES,
  type EstablishmentType,
  type RiskClass,
} from '../../../../libs/establishments/src/domain/establishment.js';
import { CALENDAR_DATE, CASE_ID } from '../cases/case-http.js';

export class RegisterEstablishmentBody {
  @ApiProperty({ example: '10015', description: 'Commune code (post-2025) where the establishment operates; the case jurisdiction.' })
  @Matches(/^\d{5}$/, { message: 'commune must be a 5-digit commune code' })
  commune!: string;

  @ApiProperty({ enum: ESTABLISHMENT_TYPES, example: 'karaoke' })
  @IsIn(ESTABLISHMENT_TYPES)
  type!: EstablishmentType;

  @ApiProperty({ example: 'Karaoke Hoa Mai', description: 'Internal.' })
  @IsString()
  @Length(1, 200)
  businessName!: string;

  @ApiProperty({ example: 'Tổ 3, thị trấn Chúc Sơn', description: 'Internal.' })
  @IsString()
  @Length(1, 300)
  address!: string;

  @ApiPropertyOptional({ example: '0108-2025-HKD', description: 'Business licence number (internal).' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  businessLicenceNumber?: string;

  @ApiPropertyOptional({ example: 'ANTT-0077', description: 'Security and order permit number (internal).' })
  @IsOptional()
  @IsString()
  @Length(1, 60)
  securityPermitNumber?: string;

  @ApiProperty({ example: 'Nguyễn Văn A', description: 'Owner or manager name (personal, encrypted).' })
  @IsString()
  @Length(1, 200)
  ownerName!: string;

  @ApiProperty({ example: '0900 000 000', description: 'Owner or manager contact (personal, encrypted).' })
  @IsString()
  @Length(1, 200)
  ownerContact!: string;
}

export class ClassifyRiskBody {
  @ApiProperty({ enum: RISK_CLASSES, example: 'high' })
  @IsIn(RISK_CLASSES)
  riskClass!: RiskClass;

  @ApiProperty({ example: 'Two tips in six months; rooms without windows', description: 'Internal.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class SignCommitmentBody {
  @ApiProperty({ example: '2026-03-02', description: 'Date the owner signed (Vietnam calendar day), not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'signedOn must be a date YYYY-MM-DD' })
  signedOn!: string;

  @ApiProperty({
    example: '10015',
    description: 'Commune whose People’s Committee the commitment is signed with: the establishment’s commune.',
  })
  @Matches(/^\d{5}$/, { message: 'commune must be a 5-digit commune code' })
  commune!: string;
}

export class LinkInspectionBody {
  @ApiProperty({ example: '6f1c2d3e-0000-5000-8000-000000000001' })
  @Matches(CASE_ID, { message: 'inspectionId must be a case id' })
  inspectionId!: string;
}

export class LinkPenaltyCaseBody {
  @ApiProperty({ example: '6f1c2d3e-0000-5000-8000-000000000002' })
  @Matches(CASE_ID, { message: 'penaltyCaseId must be a case id' })
  penaltyCaseId!: string;
}

export class CloseEstablishmentBody {
  @ApiProperty({ example: '2026-03-05', description: 'Date the establishment closed, not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'closedOn must be a date YYYY-MM-DD' })
  closedOn!: string;

  @ApiProperty({ example: 'Business ceased; licence returned', description: 'Internal.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

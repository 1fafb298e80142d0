import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length, Matches } from 'class-validator';
import { HOTSPOT_KINDS, type HotspotKind } from '../../../../libs/hotspots/src/domain/hotspot.js';
import { CALENDAR_DATE } from '../cases/case-http.js';

export class IdentifyHotspotBody {
  @ApiProperty({ example: '27559', description: 'Commune or province code: the case jurisdiction.' })
  @Matches(/^\d{2}(\d{3})?$/, { message: 'jurisdiction must be a province (2-digit) or commune (5-digit) code' })
  jurisdiction!: string;

  @ApiProperty({ enum: HOTSPOT_KINDS, example: 'street' })
  @IsIn(HOTSPOT_KINDS)
  kind!: HotspotKind;

  @ApiProperty({ example: 'Đoạn đường gần chợ đầu mối, sau 22 giờ', description: 'Internal.' })
  @IsString()
  @Length(1, 1000)
  locationDescription!: string;

  @ApiProperty({ example: '2026-01-05', description: 'Date identified (Vietnam calendar day), not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'identifiedOn must be a date YYYY-MM-DD' })
  identifiedOn!: string;
}

export class StartTreatmentBody {
  @ApiProperty({ example: 'Night patrols twice a week; lighting; owners’ commitments', description: 'Treatment plan (internal).' })
  @IsString()
  @Length(1, 2000)
  plan!: string;

  @ApiProperty({ example: '2026-01-10', description: 'Not before the current status began, not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'startedOn must be a date YYYY-MM-DD' })
  startedOn!: string;
}

export class EradicateHotspotBody {
  @ApiProperty({ example: '2026-03-01', description: 'Not before the treatment began, not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'eradicatedOn must be a date YYYY-MM-DD' })
  eradicatedOn!: string;
}

export class ReactivateHotspotBody {
  @ApiProperty({ example: '2026-04-15', description: 'Not before the eradication, not in the future.' })
  @Matches(CALENDAR_DATE, { message: 'reactivatedOn must be a date YYYY-MM-DD' })
  reactivatedOn!: string;

  @ApiProperty({ example: 'Repeated tips from residents; activity seen again', description: 'Internal.' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

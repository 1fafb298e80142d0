import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

/** An ISO-8601 date-time with a time zone (Z or ±hh:mm), so a moment is never ambiguous. */
export const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
/** The event store's stream id shape. */
export const STREAM_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;

export class AsOfQuery {
  @ApiProperty({
    example: '2026-03-02T10:30:00+07:00',
    description:
      'The moment: the case is folded from its events up to the last one whose recordedAt is at or before it. A date-time with Z or an offset.',
  })
  @Matches(MOMENT, { message: 'at: an ISO-8601 date-time with a time zone, e.g. 2026-03-02T10:30:00+07:00' })
  at!: string;
}

export class CheckpointListQuery {
  @ApiPropertyOptional({ example: 20, minimum: 1, maximum: 500, description: 'Newest first; default 50' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

export class ProofQuery {
  @ApiProperty({
    example: 'tip-3f6c2a1e-8d4b-4c55-9a7e-1b2c3d4e5f60',
    description: 'The stream whose head the proof puts in the checkpoint root',
  })
  @Matches(STREAM_ID, { message: 'stream: a stream id (letters, digits, "_", ".", ":" or "-")' })
  stream!: string;
}

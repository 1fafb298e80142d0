import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import {
  PROVIDER_LIMITS,
  PROVIDER_TYPES,
  SERVICE_CODES,
  type ProviderType,
  type ServiceCode,
} from '../../../../libs/providers/src/domain/provider.js';

const SERVICES = { enum: SERVICE_CODES, isArray: true, example: ['health_sexual_health_hiv_sti', 'psychological_counselling'] };
const CONTACT = {
  example: 'Trạm Y tế xã, 0243 xxx xxx, trạm trưởng',
  maxLength: PROVIDER_LIMITS.contact,
  description: 'The organisation’s contact (internal); no personal data beyond it.',
};

class ServicesBody {
  @ApiProperty(SERVICES)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SERVICE_CODES.length)
  @ArrayUnique()
  @IsIn(SERVICE_CODES, { each: true })
  services!: ServiceCode[];
}

export class RegisterProviderBody extends ServicesBody {
  @ApiProperty({ example: 'Trạm Y tế xã Chúc Sơn', maxLength: PROVIDER_LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(PROVIDER_LIMITS.name)
  name!: string;

  @ApiProperty({ enum: PROVIDER_TYPES })
  @IsIn(PROVIDER_TYPES)
  providerType!: ProviderType;

  @ApiProperty({ example: '10015', description: 'The province or commune (in force) the provider serves: the record’s jurisdiction.' })
  @Matches(/^\d{2}(\d{3})?$/, { message: 'jurisdiction must be a province (2 digits) or commune (5 digits) code' })
  jurisdiction!: string;

  @ApiProperty(CONTACT)
  @IsString()
  @MinLength(1)
  @MaxLength(PROVIDER_LIMITS.contact)
  contact!: string;
}

export class ChangeServicesBody extends ServicesBody {}

export class ChangeDetailsBody {
  @ApiProperty({ example: 'Trạm Y tế xã Chương Mỹ', maxLength: PROVIDER_LIMITS.name })
  @IsString()
  @MinLength(1)
  @MaxLength(PROVIDER_LIMITS.name)
  name!: string;

  @ApiProperty(CONTACT)
  @IsString()
  @MinLength(1)
  @MaxLength(PROVIDER_LIMITS.contact)
  contact!: string;
}

export class DeactivateProviderBody {
  @ApiProperty({ example: 'Ngừng cung cấp dịch vụ từ tháng 7', maxLength: PROVIDER_LIMITS.reason, description: 'Internal.' })
  @IsString()
  @MinLength(1)
  @MaxLength(PROVIDER_LIMITS.reason)
  reason!: string;
}

export class EmptyBody {}

export class ListProvidersQuery {
  @ApiPropertyOptional({ enum: SERVICE_CODES, description: 'Only providers giving this service.' })
  @IsOptional()
  @IsIn(SERVICE_CODES)
  service?: ServiceCode;

  @ApiPropertyOptional({
    example: '10015',
    description: 'Only providers whose area covers this unit (e.g. the province’s) or lies inside it (e.g. a commune’s).',
  })
  @IsOptional()
  @Matches(/^\d{2}(\d{3})?$/, { message: 'jurisdiction must be a province or commune code' })
  jurisdiction?: string;

  @ApiPropertyOptional({ description: 'true (default): active providers only; false: inactive ones only.' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}

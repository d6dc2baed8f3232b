import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';
import { Optional } from '../../common/validation.js';

export class SettingsDto {
  @ApiProperty({ description: 'Days in IDEA before it counts as stalled' }) stallDaysIdea: number;
  @ApiProperty() stallDaysPoc: number;
  @ApiProperty() stallDaysProductionizing: number;
  @ApiProperty({ type: 'integer', description: 'REVENUE_IMPACT threshold, minor units' })
  revenueImpactThreshold: number;
  @ApiProperty({ description: 'UPTIME_SLA threshold in basis points (9500 = 95%)' })
  uptimeSlaThresholdBp: number;
  @ApiProperty() retentionYearsThreshold: number;
  @ApiProperty() dependentTeamsThreshold: number;
  @ApiProperty({ description: 'Readiness ratio numerator (12 of 17)' }) readinessNumerator: number;
  @ApiProperty() readinessDenominator: number;
  @ApiProperty({ example: 'EUR' }) currency: string;
  @ApiProperty({ description: 'NO_ACTIVITY after this many quiet days' }) noActivityDays: number;
  @ApiProperty({ description: 'READINESS_FLAT after this many days without a rise' })
  readinessFlatDays: number;
}

export class UpdateSettingsDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3650)
  stallDaysIdea?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3650)
  stallDaysPoc?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3650)
  stallDaysProductionizing?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 0 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  revenueImpactThreshold?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 10000 })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(10000)
  uptimeSlaThresholdBp?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(100)
  retentionYearsThreshold?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1000)
  dependentTeamsThreshold?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1000)
  readinessNumerator?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(1000)
  readinessDenominator?: number;

  @ApiPropertyOptional({ example: 'EUR', description: 'ISO 4217 code' })
  @Optional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3650)
  noActivityDays?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650 })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(3650)
  readinessFlatDays?: number;
}

import { RISK_CLASSES, STAGES } from '@gapline/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { BandDto } from '../../projects/dto/projects.dto.js';

export class PortfolioQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) businessUnit?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;
  @ApiPropertyOptional({ enum: RISK_CLASSES })
  @IsOptional()
  @IsIn(RISK_CLASSES, { message: `riskClass must be one of ${RISK_CLASSES.join(', ')}` })
  riskClass?: string;
}

class TotalsDto {
  @ApiProperty() projects: number;
  @ApiProperty({ description: 'Not retired or cancelled' }) open: number;
}

class FunnelDto {
  @ApiProperty() reachedPoc: number;
  @ApiProperty() reachedProductionizing: number;
  @ApiProperty() reachedProduction: number;
  @ApiProperty({ type: Number, nullable: true }) conversionRate: number | null;
  @ApiProperty({ example: 0.13 }) benchmarkRate: number;
  @ApiProperty() definition: string;
}

class BucketDto {
  @ApiProperty() label: string;
  @ApiProperty() count: number;
}

class ReadinessSummaryDto {
  @ApiProperty({ type: [BucketDto] }) buckets: BucketDto[];
  @ApiProperty() productionizing: number;
  @ApiProperty() productionizingReady: number;
  @ApiProperty({ description: 'Mean of done/applicable over open projects' }) average: number;
  @ApiProperty({ description: 'Open projects that are production-ready' }) ready: number;
}

class CapabilityRateDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty() done: number;
  @ApiProperty() applicable: number;
  @ApiProperty() doneRate: number;
}

class HeatmapColumnDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
}

class HeatmapRowDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Item status per column, in column order' })
  statuses: (string | null)[];
}

class HeatmapDto {
  @ApiProperty({ type: [HeatmapColumnDto] }) capabilities: HeatmapColumnDto[];
  @ApiProperty({ type: [HeatmapRowDto], description: 'Open projects, least ready first (up to 60)' })
  projects: HeatmapRowDto[];
}

class StalledDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: STAGES }) stage: string;
  @ApiProperty() daysInStage: number;
  @ApiProperty() threshold: number;
}

class AlertCountsDto {
  @ApiProperty() open: number;
  @ApiProperty() critical: number;
  @ApiProperty() warning: number;
}

class MultipleDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty() name: string;
  @ApiProperty() multiple: number;
}

class MoneyDto {
  @ApiProperty({ type: 'integer' }) pocSpend: number;
  @ApiProperty({ type: 'integer' }) productionBudgets: number;
  @ApiProperty({ type: 'integer' }) actuals: number;
  @ApiProperty({ type: 'integer' }) postPocSpend: number;
  @ApiProperty({ type: BandDto, description: 'First-year production cost of projects not yet in production' })
  projectedFirstYear: BandDto;
  @ApiProperty({ type: [MultipleDto], description: 'Highest cost multiples first' })
  costMultiples: MultipleDto[];
}

class RecommendationCountsDto {
  @ApiProperty() productionRequired: number;
  @ApiProperty() pocSufficient: number;
  @ApiProperty() doNotDeploy: number;
  @ApiProperty({ description: 'Need production-grade engineering but are still in IDEA or POC' })
  productionRequiredStillInPoc: number;
}

export class PortfolioDto {
  @ApiProperty() currency: string;
  @ApiProperty({ type: TotalsDto }) totals: TotalsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Projects per stage',
  })
  byStage: Record<string, number>;
  @ApiProperty({ type: FunnelDto }) funnel: FunnelDto;
  @ApiProperty({ type: ReadinessSummaryDto }) readiness: ReadinessSummaryDto;
  @ApiProperty({ type: [CapabilityRateDto], description: 'Weakest first' }) capabilities: CapabilityRateDto[];
  @ApiProperty({ type: HeatmapDto }) heatmap: HeatmapDto;
  @ApiProperty({ type: [StalledDto], description: 'Most overdue first (up to 20)' }) stalled: StalledDto[];
  @ApiProperty({ type: AlertCountsDto }) alerts: AlertCountsDto;
  @ApiProperty({ type: MoneyDto }) money: MoneyDto;
  @ApiProperty({ type: RecommendationCountsDto }) recommendations: RecommendationCountsDto;
}

export class TrendsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 104, default: 26 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104)
  weeks?: number;
}

export class TrendPointDto {
  @ApiProperty({ format: 'date', description: 'Monday of the week' }) week: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' } }) stageCounts: Record<
    string,
    number
  >;
  @ApiProperty() openProjects: number;
  @ApiProperty() avgReadiness: number;
  @ApiProperty() readyCount: number;
  @ApiProperty({ type: 'integer' }) actuals: number;
  @ApiProperty({ type: 'integer' }) projectedLow: number;
  @ApiProperty({ type: 'integer' }) projectedHigh: number;
  @ApiProperty() openAlerts: number;
  @ApiProperty() criticalAlerts: number;
}

import {
  COST_CATEGORIES,
  COST_LINES,
  type CostCategory,
  type CostLine,
  SPEND_STAGES,
  type SpendStage,
  STAGES,
} from '@gapline/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../common/validation.js';
import { BandDto } from '../../projects/dto/projects.dto.js';

const MONEY_MAX = 1_000_000_000_000_00; // 1 trillion in minor units: above that, a typo
const oneOf = (name: string, values: readonly string[]) => ({
  message: `${name} must be one of ${values.join(', ')}`,
});
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class BudgetsInputDto {
  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'POC budget, minor units' })
  @IsOptional()
  @IsInt({ message: 'pocBudget must be a whole number of minor units (cents)' })
  @Min(0)
  @Max(MONEY_MAX)
  pocBudget?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'Approved production budget, minor units',
  })
  @IsOptional()
  @IsInt({ message: 'productionBudget must be a whole number of minor units (cents)' })
  @Min(0)
  @Max(MONEY_MAX)
  productionBudget?: number | null;
}

export class EstimateLineDto {
  @ApiProperty({ enum: COST_LINES }) @IsIn(COST_LINES, oneOf('line', COST_LINES)) line: CostLine;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(0) @Max(MONEY_MAX) low: number;
  @ApiProperty({ type: 'integer' }) @IsInt() @Min(0) @Max(MONEY_MAX) high: number;
}

export class EstimatesInputDto {
  @ApiProperty({ type: [EstimateLineDto], description: 'Replaces all of the team’s own estimates' })
  @IsArray()
  @ArrayMaxSize(COST_LINES.length)
  // ValidateNested alone lets a nested array through unvalidated ([[...]]).
  @IsObject({ each: true, message: 'each value in lines must be an object' })
  @ValidateNested({ each: true })
  @Type(() => EstimateLineDto)
  lines: EstimateLineDto[];
}

export class CostEntryInputDto {
  @ApiProperty({ format: 'date', example: '2026-03-31' })
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'date must be a date like 2026-01-31' })
  date: string;

  @ApiProperty({ type: 'integer', description: 'Minor units (cents), positive', example: 1250000 })
  @IsInt({ message: 'amount must be a whole number of minor units (cents)' })
  @Min(1, { message: 'amount must be positive' })
  @Max(MONEY_MAX)
  amount: number;

  @ApiPropertyOptional({ description: 'Must be the organisation’s currency, if given', example: 'EUR' })
  @Optional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiProperty({ enum: COST_CATEGORIES })
  @IsIn(COST_CATEGORIES, oneOf('category', COST_CATEGORIES))
  category: CostCategory;

  @ApiPropertyOptional({ enum: SPEND_STAGES, description: 'Defaults to the project’s current stage' })
  @Optional()
  @IsIn(SPEND_STAGES, oneOf('stage', SPEND_STAGES))
  stage?: SpendStage;

  @ApiPropertyOptional({ maxLength: 500 }) @Optional() @IsString() @MaxLength(500) note?: string;
}

export class CostEntryPatchDto {
  @ApiPropertyOptional({ format: 'date' })
  @Optional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'date must be a date like 2026-01-31' })
  date?: string;

  @ApiPropertyOptional({ type: 'integer' })
  @Optional()
  @IsInt({ message: 'amount must be a whole number of minor units (cents)' })
  @Min(1, { message: 'amount must be positive' })
  @Max(MONEY_MAX)
  amount?: number;

  @ApiPropertyOptional()
  @Optional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as EUR' })
  currency?: string;

  @ApiPropertyOptional({ enum: COST_CATEGORIES })
  @Optional()
  @IsIn(COST_CATEGORIES, oneOf('category', COST_CATEGORIES))
  category?: CostCategory;

  @ApiPropertyOptional({ enum: SPEND_STAGES })
  @Optional()
  @IsIn(SPEND_STAGES, oneOf('stage', SPEND_STAGES))
  stage?: SpendStage;

  @ApiPropertyOptional({ maxLength: 500 }) @Optional() @IsString() @MaxLength(500) note?: string;
}

export class CostEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) date: string;
  @ApiProperty({ type: 'integer' }) amount: number;
  @ApiProperty({ enum: COST_CATEGORIES }) category: CostCategory;
  @ApiProperty({ enum: SPEND_STAGES }) stage: SpendStage;
  @ApiProperty() note: string;
  @ApiProperty({ type: String, nullable: true }) createdById: string | null;
  @ApiProperty() createdAt: Date;
}

export class BudgetsDto {
  @ApiProperty({ type: 'integer', nullable: true }) pocBudget: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) productionBudget: number | null;
  @ApiProperty({ type: String, nullable: true }) productionBudgetApprovedById: string | null;
  @ApiProperty({ type: String, nullable: true }) productionBudgetApprovedByName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) productionBudgetApprovedAt: Date | null;
}

export class CostsDto {
  @ApiProperty() currency: string;
  @ApiProperty({ type: BudgetsDto }) budgets: BudgetsDto;
  @ApiProperty({ type: [EstimateLineDto] }) estimates: EstimateLineDto[];
  @ApiProperty({ type: [CostEntryDto], description: 'Newest first' }) entries: CostEntryDto[];
  @ApiProperty({ description: 'Whether you may record costs on this project' }) canEdit: boolean;
}

export class BottomUpLineDto extends BandDto {
  @ApiProperty({ enum: COST_LINES }) line: CostLine;
  @ApiProperty({ enum: ['seed', 'team'] }) source: 'seed' | 'team';
}

export class BurnDto {
  @ApiProperty({ type: 'integer' }) forecast: number;
  @ApiProperty({ type: 'integer' }) budget: number;
  @ApiProperty() ratio: number;
  @ApiProperty() dailyBurn: number;
  @ApiProperty() daysLeft: number;
  @ApiProperty({ enum: ['POC_BUDGET', 'PRODUCTION_BUDGET'] }) against: string;
}

export class ValueCheckDto {
  @ApiProperty({ type: 'integer', nullable: true }) expectedAnnualValue: number | null;
  @ApiProperty({ type: Number, nullable: true }) headlineLowToValue: number | null;
  @ApiProperty({ description: 'Headline low ≥ 2x the expected annual value' }) doNotDeploy: boolean;
}

export class ProjectionDto {
  @ApiProperty() currency: string;
  @ApiProperty({ type: 'integer' }) pocCost: number;
  @ApiProperty({ enum: ['spend', 'budget', 'none'] }) pocCostSource: string;
  @ApiProperty({ type: BandDto, description: '10x–20x the POC cost' }) benchmark: BandDto;
  @ApiProperty({ type: [BottomUpLineDto] }) bottomUpLines: BottomUpLineDto[];
  @ApiProperty({ type: BandDto, description: 'Headline first-year production cost (bottom-up)' })
  headline: BandDto;
  @ApiProperty({ type: BandDto, description: 'Ongoing operations a year after year one' }) ongoing: BandDto;
  @ApiProperty({ type: 'integer' }) spendToDate: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'Spend to date per stage it was booked against',
  })
  spendByStage: Partial<Record<SpendStage, number>>;
  @ApiProperty({ type: 'integer' }) postPocSpend: number;
  @ApiProperty({ type: Number, nullable: true }) costMultiple: number | null;
  @ApiProperty({ type: BurnDto, nullable: true }) burn: BurnDto | null;
  @ApiProperty({ type: ValueCheckDto }) value: ValueCheckDto;
  @ApiProperty({ description: 'Approved production budget under 10x the POC cost' }) underfunded: boolean;
}

export class ExportQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated stages' })
  @IsOptional()
  @Type(() => String)
  @Matches(new RegExp(`^(${STAGES.join('|')})(,(${STAGES.join('|')}))*$`), {
    message: `stage must be a comma-separated list of ${STAGES.join(', ')}`,
  })
  stage?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) businessUnit?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Actuals from this day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'from must be a date like 2026-01-31' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Actuals up to this day' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'to must be a date like 2026-01-31' })
  to?: string;
}

import {
  CRITERIA,
  RECOMMENDATIONS,
  type Recommendation,
  RISK_CLASSES,
  type RiskClass,
  STAGES,
  type Stage,
} from '@gapline/domain';
import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Optional } from '../../common/validation.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MONEY_MAX = Number.MAX_SAFE_INTEGER;
const oneOf = (name: string, values: readonly string[]) => ({
  message: `${name} must be one of ${values.join(', ')}`,
});

/** The decision guide's recorded values. */
export class CriteriaFieldsDto {
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'Annual cost of a 1% error rate, minor units',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  revenueAtRisk?: number | null;

  @ApiPropertyOptional() @Optional() @IsBoolean() regulatedDecisions?: boolean;
  @ApiPropertyOptional() @Optional() @IsBoolean() personalData?: boolean;

  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    description: 'Contractual availability in basis points (9990 = 99.90%)',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  uptimeSlaBp?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  retentionYears?: number | null;

  @ApiPropertyOptional() @Optional() @IsBoolean() silentDegradation?: boolean;

  @ApiPropertyOptional({ type: 'integer', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  dependentTeams?: number | null;
}

export class CreateProjectDto extends CriteriaFieldsDto {
  @ApiProperty({ maxLength: 200, example: 'Claims fraud detection' })
  @Transform(trim)
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiPropertyOptional({ maxLength: 5000 })
  @Optional()
  @IsString()
  @MaxLength(5000)
  description?: string;

  @ApiPropertyOptional({ maxLength: 100, example: 'Claims' })
  @Optional()
  @Transform(trim)
  @IsString()
  @MaxLength(100)
  businessUnit?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A member; defaults to you' })
  @Optional()
  @IsUUID()
  ownerId?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 20 })
  @Optional()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @Length(1, 40, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'startDate must be a date like 2026-01-31' })
  startDate?: string | null;

  @ApiPropertyOptional({ format: 'date', nullable: true, type: String })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'targetDate must be a date like 2026-01-31' })
  targetDate?: string | null;

  @ApiPropertyOptional({ enum: RISK_CLASSES, enumName: 'RiskClass' })
  @Optional()
  @IsIn(RISK_CLASSES, oneOf('riskClass', RISK_CLASSES))
  riskClass?: RiskClass;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: 'Expected annual value, minor units' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MONEY_MAX)
  expectedAnnualValue?: number | null;

  @ApiPropertyOptional({ enum: ['IDEA', 'POC'], description: 'Where the project starts (default IDEA)' })
  @Optional()
  @IsIn(['IDEA', 'POC'], oneOf('stage', ['IDEA', 'POC']))
  stage?: 'IDEA' | 'POC';
}

// Left-out fields stay as they are; null only where the field is nullable (skipNullProperties: false).
export class UpdateProjectDto extends PartialType(OmitType(CreateProjectDto, ['stage'] as const), {
  skipNullProperties: false,
}) {}

export class CriterionResultDto {
  @ApiProperty({ enum: CRITERIA, enumName: 'Criterion' }) id: string;
  @ApiProperty() applies: boolean;
  @ApiProperty() why: string;
}

export class BandDto {
  @ApiProperty({ type: 'integer' }) low: number;
  @ApiProperty({ type: 'integer' }) high: number;
}

export class ReadinessDto {
  @ApiProperty() done: number;
  @ApiProperty() applicable: number;
  @ApiProperty({ description: 'DONE items needed' }) threshold: number;
  @ApiProperty() ready: boolean;
  @ApiProperty({ type: [String] }) requiredMissing: string[];
  @ApiProperty({ type: [String], description: 'Plain words for each thing missing' }) missing: string[];
}

export class DecisionDto {
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' }) recommendation: Recommendation;
  @ApiProperty({ type: [CriterionResultDto] }) criteria: CriterionResultDto[];
  @ApiProperty({ type: [String] }) applying: string[];
  @ApiProperty({ type: BandDto, description: 'Headline first-year production cost (bottom-up)' })
  headline: BandDto;
  @ApiProperty({ type: [String], description: 'Capabilities that must be DONE' }) required: string[];
}

export class OwnerDto {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() name: string;
}

export class ProjectDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty() businessUnit: string;
  @ApiProperty({ type: OwnerDto }) owner: OwnerDto;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) startDate: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) targetDate: string | null;
  @ApiProperty({ enum: RISK_CLASSES, enumName: 'RiskClass' }) riskClass: RiskClass;
  @ApiProperty({ type: 'integer', nullable: true }) expectedAnnualValue: number | null;
  @ApiProperty({ type: CriteriaFieldsDto }) criteriaValues: Required<CriteriaFieldsDto>;
  @ApiProperty({ enum: STAGES, enumName: 'Stage' }) stage: Stage;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stageEnteredAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true }) daysInStage: number | null;
  @ApiProperty({ type: DecisionDto }) decision: DecisionDto;
  @ApiProperty({ type: ReadinessDto }) readiness: ReadinessDto;
  @ApiProperty({ description: 'Whether you may edit this project' }) canEdit: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt: Date | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
}

export class ProjectListItemDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() businessUnit: string;
  @ApiProperty({ type: OwnerDto }) owner: OwnerDto;
  @ApiProperty({ enum: STAGES, enumName: 'Stage' }) stage: Stage;
  @ApiProperty({ enum: RISK_CLASSES, enumName: 'RiskClass' }) riskClass: RiskClass;
  @ApiProperty({ enum: RECOMMENDATIONS, enumName: 'Recommendation' }) recommendation: Recommendation;
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: 'integer', nullable: true }) expectedAnnualValue: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) stageEnteredAt: Date | null;
  @ApiProperty({ type: 'integer', nullable: true }) daysInStage: number | null;
  @ApiProperty({ type: ReadinessDto }) readiness: ReadinessDto;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) archivedAt: Date | null;
  @ApiProperty() updatedAt: Date;
}

export class ProjectPageDto {
  @ApiProperty({ type: [ProjectListItemDto] }) items: ProjectListItemDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
  @ApiProperty({ description: 'Projects matching the filters' }) total: number;
}

const SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;
const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.split(',').filter(Boolean) : Array.isArray(value) ? value : value;

export class ProjectQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated stages', example: 'POC,PRODUCTIONIZING' })
  @IsOptional()
  @Transform(toList)
  @IsIn(STAGES, { each: true, message: `stage must be a comma-separated list of ${STAGES.join(', ')}` })
  stage?: Stage[];

  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ownerId?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) businessUnit?: string;

  @ApiPropertyOptional({ enum: RISK_CLASSES })
  @IsOptional()
  @IsIn(RISK_CLASSES, oneOf('riskClass', RISK_CLASSES))
  riskClass?: RiskClass;

  @ApiPropertyOptional({ enum: RECOMMENDATIONS })
  @IsOptional()
  @IsIn(RECOMMENDATIONS, oneOf('recommendation', RECOMMENDATIONS))
  recommendation?: Recommendation;

  @ApiPropertyOptional({ description: 'Words to find in name, business unit or description' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ description: 'List archived projects instead' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'archived must be true or false' })
  archived?: 'true' | 'false';

  @ApiPropertyOptional({ enum: SORTS, default: 'name' })
  @IsOptional()
  @IsIn(SORTS, oneOf('sort', SORTS))
  sort?: (typeof SORTS)[number];

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class TransitionRequestDto {
  @ApiProperty({ enum: STAGES, enumName: 'Stage' })
  @IsIn(STAGES, oneOf('to', STAGES))
  to: Stage;

  @ApiPropertyOptional({ maxLength: 2000, description: 'Required for backward moves and overrides' })
  @Optional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'Admin only: pass a failed rule, with a reason' })
  @Optional()
  @IsBoolean()
  override?: boolean;
}

export class TransitionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: STAGES, enumName: 'Stage', nullable: true }) fromStage: Stage | null;
  @ApiProperty({ enum: STAGES, enumName: 'Stage' }) toStage: Stage;
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName: string | null;
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty() override: boolean;
}

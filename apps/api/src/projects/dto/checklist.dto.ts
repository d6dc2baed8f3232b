import { CAPABILITY_GROUPS, ITEM_STATUSES, type ItemStatus } from '@gapline/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { Optional } from '../../common/validation.js';
import { ReadinessDto } from './projects.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ItemPatchDto {
  @ApiPropertyOptional({ enum: ITEM_STATUSES, enumName: 'ItemStatus' })
  @Optional()
  @IsIn(ITEM_STATUSES, { message: `status must be one of ${ITEM_STATUSES.join(', ')}` })
  status?: ItemStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  assigneeId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'dueDate must be a date like 2026-01-31' })
  dueDate?: string | null;

  @ApiPropertyOptional({ maxLength: 5000 }) @Optional() @IsString() @MaxLength(5000) notes?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: 2000,
    description: 'Required to mark an item NOT_APPLICABLE',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  naJustification?: string | null;
}

export class BulkItemDto extends ItemPatchDto {
  @ApiProperty({ example: 'drift-detection' }) @IsString() @Length(1, 64) key: string;
}

export class BulkUpdateDto {
  @ApiProperty({ type: [BulkItemDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  // ValidateNested alone lets a nested array through unvalidated ([[...]]).
  @IsObject({ each: true, message: 'each value in items must be an object' })
  @ValidateNested({ each: true })
  @Type(() => BulkItemDto)
  items: BulkItemDto[];
}

export class EvidenceInputDto {
  @ApiProperty({ example: 'https://wiki.example.com/runbooks/fraud' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'url must be an http(s) link' })
  @MaxLength(2000)
  url: string;

  @ApiProperty({ maxLength: 200 }) @Transform(trim) @IsString() @Length(1, 200) title: string;
}

export class EvidenceDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, nullable: true }) addedById: string | null;
  @ApiProperty({ type: String, nullable: true }) addedByName: string | null;
  @ApiProperty() createdAt: Date;
}

export class ChecklistItemDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CAPABILITY_GROUPS }) group: string;
  @ApiProperty() description: string;
  @ApiProperty({ description: 'Must be DONE for the project to be ready' }) required: boolean;
  @ApiProperty({ description: 'One of the five that can never be not applicable' }) alwaysRequired: boolean;
  @ApiProperty({ enum: ITEM_STATUSES, enumName: 'ItemStatus' }) status: ItemStatus;
  @ApiProperty({ type: String, nullable: true }) assigneeId: string | null;
  @ApiProperty({ type: String, nullable: true }) assigneeName: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true }) dueDate: string | null;
  @ApiProperty() notes: string;
  @ApiProperty({ type: String, nullable: true }) naJustification: string | null;
  @ApiProperty({ type: [EvidenceDto] }) evidence: EvidenceDto[];
  @ApiProperty() updatedAt: Date;
}

export class ChecklistDto {
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: [ChecklistItemDto] }) items: ChecklistItemDto[];
  @ApiProperty({ type: ReadinessDto }) readiness: ReadinessDto;
  @ApiProperty({ description: 'Whether you may edit this checklist' }) canEdit: boolean;
}

export class ChecklistChangeDto {
  @ApiProperty() at: Date;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty() field: string;
  @ApiProperty({ type: String, nullable: true }) fromValue: string | null;
  @ApiProperty({ type: String, nullable: true }) toValue: string | null;
}

export class ReadinessPointDto {
  @ApiProperty() at: Date;
  @ApiProperty() done: number;
  @ApiProperty() applicable: number;
  @ApiProperty() threshold: number;
  @ApiProperty() ready: boolean;
}

export class CapabilityDto {
  @ApiProperty() key: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: CAPABILITY_GROUPS }) group: string;
  @ApiProperty() description: string;
  @ApiProperty() builtIn: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) retiredAt: Date | null;
}

export class CreateCapabilityDto {
  @ApiProperty({ example: 'fairness-review', description: 'lowercase-words-with-dashes' })
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'key must be lowercase words joined by dashes' })
  @Length(2, 64)
  key: string;

  @ApiProperty({ maxLength: 120 }) @Transform(trim) @IsString() @Length(1, 120) name: string;

  @ApiProperty({ enum: CAPABILITY_GROUPS })
  @IsIn(CAPABILITY_GROUPS, { message: `group must be one of ${CAPABILITY_GROUPS.join(', ')}` })
  group: string;

  @ApiPropertyOptional({ maxLength: 1000 }) @Optional() @IsString() @MaxLength(1000) description?: string;
}

export class UpdateCapabilityDto {
  @ApiPropertyOptional({ maxLength: 120 })
  @Optional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  name?: string;

  @ApiPropertyOptional({ enum: CAPABILITY_GROUPS })
  @Optional()
  @IsIn(CAPABILITY_GROUPS, { message: `group must be one of ${CAPABILITY_GROUPS.join(', ')}` })
  group?: string;

  @ApiPropertyOptional({ maxLength: 1000 }) @Optional() @IsString() @MaxLength(1000) description?: string;

  @ApiPropertyOptional({ description: 'Retire (true) or bring back (false); retiring keeps history' })
  @Optional()
  @IsBoolean()
  retired?: boolean;
}

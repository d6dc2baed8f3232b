import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import type { Response } from 'express';
import { Authorized } from '../access/authorized.decorator.js';
import { Org, type OrgContext } from '../common/request-context.js';
import { AuditService, toView } from './audit.service.js';

export class AuditQueryDto {
  @ApiPropertyOptional({ example: 'membership' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(128)
  entityId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events at or after this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Events before this time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ description: 'Cursor: the nextCursor of the previous page' })
  @IsOptional()
  @Matches(/^[1-9][0-9]{0,17}$/, { message: 'cursor must be a positive integer' })
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AuditEventDto {
  @ApiProperty({ description: 'Position in the organisation’s chain' }) seq: string;
  @ApiProperty() at: Date;
  @ApiProperty({ enum: ['USER', 'TOKEN', 'SYSTEM'] }) actorType: string;
  @ApiProperty({ type: String, nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, nullable: true }) actorLabel: string | null;
  @ApiProperty({ example: 'member.role_changed' }) action: string;
  @ApiProperty() entityType: string;
  @ApiProperty() entityId: string;
  @ApiProperty({ type: Object, nullable: true }) before: unknown;
  @ApiProperty({ type: Object, nullable: true }) after: unknown;
  @ApiProperty({ type: String, nullable: true }) requestId: string | null;
  @ApiProperty({ type: String, nullable: true }) ip: string | null;
  @ApiProperty() hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items: AuditEventDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class AuditVerifyDto {
  @ApiProperty() valid: boolean;
  @ApiProperty() checked: number;
  @ApiPropertyOptional() brokenAtSeq?: string;
  @ApiPropertyOptional() problem?: string;
}

@ApiTags('audit')
@Controller('orgs/:orgId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Authorized('audit.read')
  @ApiOkResponse({ type: AuditPageDto, description: 'Newest first' })
  async list(@Org() org: OrgContext, @Query() q: AuditQueryDto): Promise<AuditPageDto> {
    const limit = q.limit ?? 50;
    const rows = await this.audit.list(org.orgId, {
      entityType: q.entityType,
      entityId: q.entityId,
      actorId: q.actorId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
      beforeSeq: q.cursor ? BigInt(q.cursor) : undefined,
      limit,
    });
    const last = rows[rows.length - 1];
    return {
      items: rows.map(toView),
      nextCursor: rows.length === limit && last ? last.seq.toString() : null,
    };
  }

  @Get('verify')
  @Authorized('audit.read')
  @ApiOkResponse({ type: AuditVerifyDto })
  verify(@Org() org: OrgContext): Promise<AuditVerifyDto> {
    return this.audit.verify(org.orgId);
  }

  @Get('export')
  @Authorized('audit.read')
  @ApiProduces('application/x-ndjson')
  @ApiOkResponse({ description: 'The whole chain, oldest first, one JSON event per line (streamed)' })
  async export(@Org() org: OrgContext, @Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', 'application/x-ndjson; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-trail.ndjson"');
    await this.audit.stream(org.orgId, async (event) => {
      if (!res.write(`${JSON.stringify(toView(event))}\n`)) {
        await new Promise((resolve) => res.once('drain', resolve));
      }
    });
    res.end();
  }
}

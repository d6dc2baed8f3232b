import { ALERT_RULES, ALERT_STATES } from '@gapline/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { Optional } from '../../common/validation.js';

const SEVERITIES = ['WARNING', 'CRITICAL'] as const;
const oneOf = (name: string, values: readonly string[]) => ({
  message: `${name} must be one of ${values.join(', ')}`,
});

export class AlertDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) projectId: string;
  @ApiProperty({ type: String, nullable: true }) projectName: string | null;
  @ApiProperty({ enum: ALERT_RULES, enumName: 'AlertRule' }) rule: string;
  @ApiProperty({ enum: SEVERITIES, enumName: 'Severity' }) severity: string;
  @ApiProperty({ enum: ALERT_STATES, enumName: 'AlertState' }) state: string;
  @ApiProperty() message: string;
  @ApiProperty() openedAt: Date;
  @ApiProperty() lastSeenAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) snoozedUntil: Date | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt: Date | null;
}

export class AlertQueryDto {
  @ApiPropertyOptional({ enum: ALERT_RULES })
  @IsOptional()
  @IsIn(ALERT_RULES, oneOf('rule', ALERT_RULES))
  rule?: string;
  @ApiPropertyOptional({ enum: SEVERITIES })
  @IsOptional()
  @IsIn(SEVERITIES, oneOf('severity', SEVERITIES))
  severity?: string;
  @ApiPropertyOptional({ enum: ALERT_STATES })
  @IsOptional()
  @IsIn(ALERT_STATES, oneOf('state', ALERT_STATES))
  state?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() projectId?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Cursor: the last id of the previous page' })
  @IsOptional()
  @IsUUID()
  cursor?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class AlertActionDto {
  @ApiProperty({ enum: ['acknowledge', 'snooze', 'resolve'] })
  @IsIn(['acknowledge', 'snooze', 'resolve'], oneOf('action', ['acknowledge', 'snooze', 'resolve']))
  action: 'acknowledge' | 'snooze' | 'resolve';

  @ApiPropertyOptional({ format: 'date-time', description: 'Required to snooze' })
  @ValidateIf((o: AlertActionDto) => o.action === 'snooze')
  @IsISO8601({ strict: true }, { message: 'until must be a date-time to snooze until' })
  until?: string;
}

export class AlertSummaryDto {
  @ApiProperty() open: number;
  @ApiProperty() critical: number;
  @ApiProperty() warning: number;
  @ApiProperty() acknowledged: number;
  @ApiProperty() snoozed: number;
  @ApiProperty({ description: 'Live alerts that changed since you last opened the alerts page' })
  unread: number;
}

export class WebhookInputDto {
  @ApiProperty({ example: 'https://hooks.example.com/gapline' })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url: string;

  @ApiPropertyOptional({ enum: SEVERITIES, isArray: true, default: SEVERITIES })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(SEVERITIES, { each: true, message: `severities must be among ${SEVERITIES.join(', ')}` })
  severities?: string[];
}

export class WebhookPatchDto {
  @ApiPropertyOptional()
  @Optional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'url must be an http(s) URL' },
  )
  @MaxLength(2000)
  url?: string;

  @ApiPropertyOptional({ enum: SEVERITIES, isArray: true })
  @Optional()
  @IsArray()
  @ArrayMinSize(1)
  @IsIn(SEVERITIES, { each: true, message: `severities must be among ${SEVERITIES.join(', ')}` })
  severities?: string[];

  @ApiPropertyOptional() @Optional() @IsBoolean() active?: boolean;
}

export class WebhookDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() url: string;
  @ApiProperty({ type: [String] }) severities: string[];
  @ApiProperty() active: boolean;
  @ApiProperty() createdAt: Date;
}

export class CreatedWebhookDto extends WebhookDto {
  @ApiProperty({ description: 'HMAC-SHA256 key for X-Gapline-Signature; shown this once' }) secret: string;
}

export class DeliveryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() event: string;
  @ApiProperty({ enum: ['PENDING', 'DELIVERED', 'FAILED'] }) status: string;
  @ApiProperty() attempts: number;
  @ApiProperty({ type: Number, nullable: true }) lastStatus: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: Date | null;
}

export class NotificationSettingsDto {
  @ApiProperty({ description: 'E-mail digests of alerts on your projects (admins: every project)' })
  emailAlerts: boolean;
  @ApiProperty({ enum: SEVERITIES, description: 'CRITICAL: only critical alerts reach you' })
  minSeverity: string;
}

export class NotificationSettingsInputDto {
  @ApiPropertyOptional() @Optional() @IsBoolean() emailAlerts?: boolean;
  @ApiPropertyOptional({ enum: SEVERITIES })
  @Optional()
  @IsIn(SEVERITIES, oneOf('minSeverity', SEVERITIES))
  minSeverity?: string;
}

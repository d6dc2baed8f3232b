import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Authorized } from '../access/authorized.decorator.js';
import { Org, type OrgContext } from '../common/request-context.js';
import { AlertsService } from './alerts.service.js';
import {
  AlertActionDto,
  AlertDto,
  AlertQueryDto,
  AlertSummaryDto,
  CreatedWebhookDto,
  DeliveryDto,
  NotificationSettingsDto,
  NotificationSettingsInputDto,
  WebhookDto,
  WebhookInputDto,
  WebhookPatchDto,
} from './dto/alerts.dto.js';
import { NotificationsService } from './notifications.service.js';
import { WebhooksService } from './webhooks.service.js';

@ApiTags('alerts')
@Controller('orgs/:orgId')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly webhooks: WebhooksService,
    private readonly notificationsService: NotificationsService,
  ) {}

  @Get('alerts')
  @Authorized('projects.read')
  @ApiOkResponse({ type: [AlertDto], description: 'Newest first; pass the last id as cursor for more' })
  list(@Org() org: OrgContext, @Query() q: AlertQueryDto): Promise<AlertDto[]> {
    return this.alerts.list(org.orgId, { ...q, beforeId: q.cursor, limit: q.limit ?? 50 });
  }

  @Get('alerts/summary')
  @Authorized('projects.read')
  @ApiOkResponse({ type: AlertSummaryDto, description: 'Live alert counts, for the navigation badge' })
  summary(@Org() org: OrgContext): Promise<AlertSummaryDto> {
    return this.alerts.summary(org.orgId, org.actor.userId);
  }

  @Post('alerts/seen')
  @Authorized('projects.read')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Marks the alerts as seen by you (the unread count restarts)' })
  seen(@Org() org: OrgContext): Promise<void> {
    return this.notificationsService.markSeen(org.orgId, org.actor.userId);
  }

  @Get('notifications')
  @Authorized('org.read')
  @ApiOkResponse({ type: NotificationSettingsDto, description: 'What reaches you, in this organisation' })
  notificationSettings(@Org() org: OrgContext): Promise<NotificationSettingsDto> {
    return this.notificationsService.settings(org.orgId, org.actor.userId);
  }

  @Put('notifications')
  @Authorized('org.read')
  @ApiOkResponse({ type: NotificationSettingsDto })
  saveNotificationSettings(
    @Org() org: OrgContext,
    @Body() dto: NotificationSettingsInputDto,
  ): Promise<NotificationSettingsDto> {
    return this.notificationsService.save(org.orgId, org.actor.userId, dto);
  }

  @Patch('alerts/:alertId')
  @Authorized('alerts.manage')
  @ApiOkResponse({ type: AlertDto })
  act(@Org() org: OrgContext, @Param('alertId') id: string, @Body() dto: AlertActionDto): Promise<AlertDto> {
    return this.alerts.act(org, id, dto);
  }

  @Get('webhooks')
  @Authorized('webhooks.manage')
  @ApiOkResponse({ type: [WebhookDto] })
  webhookList(@Org() org: OrgContext): Promise<WebhookDto[]> {
    return this.webhooks.list(org.orgId);
  }

  @Post('webhooks')
  @Authorized('webhooks.manage')
  @ApiCreatedResponse({ type: CreatedWebhookDto })
  webhookCreate(@Org() org: OrgContext, @Body() dto: WebhookInputDto): Promise<CreatedWebhookDto> {
    return this.webhooks.create(org, dto);
  }

  @Patch('webhooks/:webhookId')
  @Authorized('webhooks.manage')
  @ApiOkResponse({ type: WebhookDto })
  webhookUpdate(
    @Org() org: OrgContext,
    @Param('webhookId') id: string,
    @Body() dto: WebhookPatchDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(org, id, dto);
  }

  @Delete('webhooks/:webhookId')
  @Authorized('webhooks.manage')
  @HttpCode(204)
  @ApiNoContentResponse()
  webhookDelete(@Org() org: OrgContext, @Param('webhookId') id: string): Promise<void> {
    return this.webhooks.remove(org, id);
  }

  @Post('webhooks/:webhookId/test')
  @Authorized('webhooks.manage')
  @HttpCode(202)
  @ApiOkResponse({ type: DeliveryDto, description: 'A test event, queued like a real one' })
  webhookTest(@Org() org: OrgContext, @Param('webhookId') id: string): Promise<DeliveryDto> {
    return this.webhooks.sendTest(org, id);
  }

  @Get('webhooks/:webhookId/deliveries')
  @Authorized('webhooks.manage')
  @ApiOkResponse({ type: [DeliveryDto], description: 'The latest 100 deliveries' })
  webhookDeliveries(@Org() org: OrgContext, @Param('webhookId') id: string): Promise<DeliveryDto[]> {
    return this.webhooks.deliveries(org.orgId, id);
  }
}

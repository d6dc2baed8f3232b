import { Module } from '@nestjs/common';
import { CostsModule } from '../costs/costs.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsRepository } from './alerts.repository.js';
import { AlertsService } from './alerts.service.js';
import { NotificationsRepository } from './notifications.repository.js';
import { NotificationsService } from './notifications.service.js';
import { WebhooksRepository } from './webhooks.repository.js';
import { WebhooksService } from './webhooks.service.js';

@Module({
  imports: [ProjectsModule, CostsModule, OrgsModule],
  controllers: [AlertsController],
  providers: [
    AlertsRepository,
    AlertsService,
    WebhooksRepository,
    WebhooksService,
    NotificationsRepository,
    NotificationsService,
  ],
  exports: [AlertsService, WebhooksService, NotificationsService],
})
export class AlertsModule {}

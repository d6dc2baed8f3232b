import { Global, Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { PortfolioModule } from '../portfolio/portfolio.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { AlertRechecks } from './alert-rechecks.js';
import {
  AlertsDigestJob,
  AlertsEvaluateJob,
  AlertsSweepJob,
  InvitationEmailJob,
  PurgeJob,
  ReadinessSnapshotJob,
  ReadinessSweepJob,
  WebhookDeliverJob,
} from './handlers.js';
import { JobQueue } from './job-queue.js';
import { JOB_HANDLERS, type JobHandler } from './jobs.js';
import { Mailer } from './mailer.js';

const HANDLERS = [
  InvitationEmailJob,
  PurgeJob,
  ReadinessSweepJob,
  ReadinessSnapshotJob,
  AlertsSweepJob,
  AlertsEvaluateJob,
  WebhookDeliverJob,
  AlertsDigestJob,
];

@Global()
@Module({
  imports: [OrgsModule, AuthModule, ProjectsModule, AlertsModule, PortfolioModule],
  providers: [
    Mailer,
    ...HANDLERS,
    { provide: JOB_HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers, inject: HANDLERS },
    JobQueue,
    AlertRechecks,
  ],
  exports: [JobQueue, AlertRechecks, Mailer],
})
export class JobsModule {}

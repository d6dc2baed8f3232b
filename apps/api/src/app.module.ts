import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access/access.guard.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { AllExceptionsFilter } from './common/errors.js';
import { CostsModule } from './costs/costs.module.js';
import { DbModule } from './db/db.module.js';
import { HealthController, MetricsController } from './health/health.controller.js';
import { JobsModule } from './jobs/jobs.module.js';
import { OrgsModule } from './orgs/orgs.module.js';
import { PortfolioModule } from './portfolio/portfolio.module.js';
import { ProjectsModule } from './projects/projects.module.js';

/** The modules the worker needs too: everything but HTTP concerns. */
export const CORE_MODULES = [
  DbModule,
  AuditModule,
  OrgsModule,
  ProjectsModule,
  CostsModule,
  AlertsModule,
  PortfolioModule,
  AuthModule,
  JobsModule,
];

@Module({
  imports: CORE_MODULES,
  controllers: [HealthController, MetricsController],
  providers: [
    { provide: APP_GUARD, useClass: AccessGuard },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class AppModule {}

@Module({ imports: CORE_MODULES })
export class WorkerModule {}

import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { ProjectsModule } from '../projects/projects.module.js';
import { InvitationEmailJob, PurgeJob, ReadinessSnapshotJob, ReadinessSweepJob } from './handlers.js';
import { JobQueue } from './job-queue.js';
import { JOB_HANDLERS, type JobHandler } from './jobs.js';
import { Mailer } from './mailer.js';

const HANDLERS = [InvitationEmailJob, PurgeJob, ReadinessSweepJob, ReadinessSnapshotJob];

@Global()
@Module({
  imports: [OrgsModule, AuthModule, ProjectsModule],
  providers: [
    Mailer,
    ...HANDLERS,
    { provide: JOB_HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers, inject: HANDLERS },
    JobQueue,
  ],
  exports: [JobQueue],
})
export class JobsModule {}

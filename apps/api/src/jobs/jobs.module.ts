import { Global, Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { OrgsModule } from '../orgs/orgs.module.js';
import { InvitationEmailJob, PurgeJob } from './handlers.js';
import { JobQueue } from './job-queue.js';
import { JOB_HANDLERS, type JobHandler } from './jobs.js';
import { Mailer } from './mailer.js';

const HANDLERS = [InvitationEmailJob, PurgeJob];

@Global()
@Module({
  imports: [OrgsModule, AuthModule],
  providers: [
    Mailer,
    ...HANDLERS,
    { provide: JOB_HANDLERS, useFactory: (...handlers: JobHandler[]) => handlers, inject: HANDLERS },
    JobQueue,
  ],
  exports: [JobQueue],
})
export class JobsModule {}

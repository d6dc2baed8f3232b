import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobQueue } from './job-queue.js';

/** Asks for an alert re-check of one project; called after the change has committed. */
@Injectable()
export class AlertRechecks {
  constructor(private readonly moduleRef: ModuleRef) {}

  async request(orgId: string, projectId: string): Promise<void> {
    await this.moduleRef.get(JobQueue, { strict: false }).enqueue('alerts.evaluate', { orgId, projectId });
  }
}

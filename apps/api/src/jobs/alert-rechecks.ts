import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JobQueue } from './job-queue.js';

/**
 * Asks for an alert re-check of one project; called after the change has committed. Best effort:
 * while Redis is away the change still succeeds, and the next scheduled sweep evaluates it.
 */
@Injectable()
export class AlertRechecks {
  private readonly log = new Logger('Alerts');

  constructor(private readonly moduleRef: ModuleRef) {}

  async request(orgId: string, projectId: string): Promise<void> {
    try {
      await this.moduleRef.get(JobQueue, { strict: false }).enqueue('alerts.evaluate', { orgId, projectId });
    } catch (err) {
      this.log.warn(
        `re-check of ${projectId} not queued (${(err as Error).message}); the next sweep covers it`,
      );
    }
  }
}

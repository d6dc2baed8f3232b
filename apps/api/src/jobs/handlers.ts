import { ROLE_LABELS } from '@gapline/domain';
import { Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AlertsService } from '../alerts/alerts.service.js';
import { NotificationsService } from '../alerts/notifications.service.js';
import { WebhooksService } from '../alerts/webhooks.service.js';
import { SessionsRepository } from '../auth/sessions.repository.js';
import { ThrottleRepository } from '../auth/throttle.repository.js';
import { PrismaService } from '../db/prisma.service.js';
import { asOrgId, TenantDb } from '../db/tenant.js';
import { OrgsRepository } from '../orgs/orgs.repository.js';
import { PortfolioService } from '../portfolio/portfolio.service.js';
import { ChecklistService } from '../projects/checklist.service.js';
import { JobQueue } from './job-queue.js';
import type { JobHandler, JobPayloads } from './jobs.js';
import { Mailer } from './mailer.js';

@Injectable()
export class InvitationEmailJob implements JobHandler<'invitation.email'> {
  readonly name = 'invitation.email';
  private readonly log = new Logger(InvitationEmailJob.name);

  constructor(
    private readonly db: TenantDb,
    private readonly orgs: OrgsRepository,
    private readonly mailer: Mailer,
  ) {}

  async handle(job: JobPayloads['invitation.email']): Promise<void> {
    // Re-check the tenant: the invitation must still be open in the organisation the job names.
    const found = await this.db.run(asOrgId(job.orgId), async (scope) => {
      const invitation = await this.orgs.findInvitation(scope, job.invitationId);
      const org = await this.orgs.get(scope);
      return invitation && org && !invitation.acceptedAt && !invitation.revokedAt
        ? { invitation, org }
        : null;
    });
    if (!found) {
      this.log.log(`invitation ${job.invitationId} is no longer open; no e-mail sent`);
      return;
    }
    const { invitation, org } = found;
    await this.mailer.send({
      to: invitation.email,
      subject: `${job.invitedBy} invited you to ${org.name} on Gapline`,
      text:
        `${job.invitedBy} invited you to join ${org.name} on Gapline as ${ROLE_LABELS[invitation.role]}.\n\n` +
        `Accept the invitation: ${job.acceptUrl}\n\n` +
        `The link works once and expires on ${invitation.expiresAt.toUTCString()}.`,
    });
  }
}

/** Drops expired refresh sessions and stale login-failure counters. Global tables: no tenant. */
@Injectable()
export class PurgeJob implements JobHandler<'maintenance.purge'> {
  readonly name = 'maintenance.purge';
  private readonly log = new Logger(PurgeJob.name);

  constructor(
    private readonly sessions: SessionsRepository,
    private readonly throttle: ThrottleRepository,
  ) {}

  async handle(): Promise<void> {
    const dayAgo = new Date(Date.now() - 86_400_000);
    const sessions = await this.sessions.purgeExpired(dayAgo);
    const counters = await this.throttle.purgeOlderThan(dayAgo);
    this.log.log(`purged ${sessions} expired sessions and ${counters} login counters`);
  }
}

/** Daily: one readiness.snapshot job per organisation, so the work spreads over the workers. */
@Injectable()
export class ReadinessSweepJob implements JobHandler<'readiness.sweep'> {
  readonly name = 'readiness.sweep';

  constructor(
    private readonly prisma: PrismaService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async handle(): Promise<void> {
    // The one door through which the app role learns which organisations exist (ids only).
    const orgs = await this.prisma.$queryRaw<{ id: string }[]>`SELECT id::text FROM all_org_ids() AS id`;
    const queue = this.moduleRef.get(JobQueue, { strict: false });
    for (const { id } of orgs) await queue.enqueue('readiness.snapshot', { orgId: id });
  }
}

@Injectable()
export class ReadinessSnapshotJob implements JobHandler<'readiness.snapshot'> {
  readonly name = 'readiness.snapshot';
  private readonly log = new Logger(ReadinessSnapshotJob.name);

  constructor(
    private readonly checklist: ChecklistService,
    private readonly portfolio: PortfolioService,
  ) {}

  /** The daily snapshot of one organisation: each open project's readiness, and the portfolio's numbers. */
  async handle(job: JobPayloads['readiness.snapshot']): Promise<void> {
    const orgId = asOrgId(job.orgId);
    const count = await this.checklist.snapshotAll(orgId);
    await this.portfolio.snapshot(orgId);
    this.log.log(`daily snapshot of ${count} projects in ${job.orgId}`);
  }
}

/** Each tick: one alerts.evaluate per organisation; the job id makes a repeated tick a no-op. */
@Injectable()
export class AlertsSweepJob implements JobHandler<'alerts.sweep'> {
  readonly name = 'alerts.sweep';

  constructor(
    private readonly prisma: PrismaService,
    private readonly moduleRef: ModuleRef,
  ) {}

  async handle(job: JobPayloads['alerts.sweep']): Promise<void> {
    const tick = job.tick ?? new Date().toISOString().slice(0, 13);
    const orgs = await this.prisma.$queryRaw<{ id: string }[]>`SELECT id::text FROM all_org_ids() AS id`;
    const queue = this.moduleRef.get(JobQueue, { strict: false });
    for (const { id } of orgs)
      await queue.enqueue('alerts.evaluate', { orgId: id }, { jobId: `alerts:${id}:${tick}` });
  }
}

@Injectable()
export class AlertsEvaluateJob implements JobHandler<'alerts.evaluate'> {
  readonly name = 'alerts.evaluate';

  constructor(
    private readonly alerts: AlertsService,
    private readonly webhooks: WebhooksService,
    private readonly notifications: NotificationsService,
    private readonly portfolio: PortfolioService,
  ) {}

  async handle(job: JobPayloads['alerts.evaluate']): Promise<void> {
    const orgId = asOrgId(job.orgId);
    const changes = await this.alerts.evaluate(orgId, new Date(), job.projectId);
    // The sweep visits every organisation on a schedule: the natural moment to fold in its tally changes.
    if (!job.projectId) await this.portfolio.compact(orgId);
    await this.webhooks.notify(orgId, changes);
    if (changes.some((c) => c.change === 'OPENED' || c.change === 'RESOLVED')) {
      await this.notifications.scheduleDigest(orgId);
    }
  }
}

@Injectable()
export class WebhookDeliverJob implements JobHandler<'webhook.deliver'> {
  readonly name = 'webhook.deliver';

  constructor(private readonly webhooks: WebhooksService) {}

  handle(job: JobPayloads['webhook.deliver']): Promise<void> {
    return this.webhooks.deliver(asOrgId(job.orgId), job.deliveryId);
  }
}

@Injectable()
export class AlertsDigestJob implements JobHandler<'alerts.digest'> {
  readonly name = 'alerts.digest';

  constructor(private readonly notifications: NotificationsService) {}

  async handle(job: JobPayloads['alerts.digest']): Promise<void> {
    await this.notifications.sendDigest(asOrgId(job.orgId), new Date(job.since), new Date(job.until));
  }
}

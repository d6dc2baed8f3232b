import { ALERT_RULES } from '@gapline/domain';
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CONFIG, type Config } from '../config.js';
import { type OrgId, TenantDb } from '../db/tenant.js';
import { JobQueue } from '../jobs/job-queue.js';
import { Mailer } from '../jobs/mailer.js';
import { OrgsRepository } from '../orgs/orgs.repository.js';
import { type DigestAlert, NotificationsRepository } from './notifications.repository.js';

/** Alert e-mails are gathered into one digest per recipient per window, never one per rule. */
export const DIGEST_WINDOW_MS = 15 * 60_000;

const RULE_WORDS: Record<(typeof ALERT_RULES)[number], string> = {
  STAGE_OVERDUE: 'Stage overdue',
  NO_ACTIVITY: 'No activity',
  READINESS_FLAT: 'Readiness flat',
  CAPABILITY_OVERDUE: 'Capability overdue',
  BUDGET_BURN: 'Budget burn',
  COST_MULTIPLE: 'Cost multiple',
  UNDERFUNDED_PLAN: 'Underfunded plan',
  VALUE_AT_RISK: 'Value at risk',
  READINESS_REGRESSED: 'Readiness regressed',
};

@Injectable()
export class NotificationsService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: NotificationsRepository,
    private readonly mailer: Mailer,
    private readonly moduleRef: ModuleRef,
    private readonly orgs: OrgsRepository,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  settings(orgId: OrgId, userId: string) {
    return this.db.run(orgId, (scope) => this.repo.settings(scope, userId));
  }

  save(orgId: OrgId, userId: string, data: { emailAlerts?: boolean; minSeverity?: string }) {
    return this.db.run(orgId, async (scope) => {
      await this.repo.save(scope, userId, data);
      return this.repo.settings(scope, userId);
    });
  }

  markSeen(orgId: OrgId, userId: string): Promise<void> {
    return this.db.run(orgId, (scope) => this.repo.markSeen(scope, userId, new Date()));
  }

  /** Schedules the digest of the current window; the job id makes every later change join it. */
  async scheduleDigest(orgId: string, now = Date.now()): Promise<void> {
    const since = Math.floor(now / DIGEST_WINDOW_MS) * DIGEST_WINDOW_MS;
    const until = since + DIGEST_WINDOW_MS;
    await this.moduleRef
      .get(JobQueue, { strict: false })
      .enqueue(
        'alerts.digest',
        { orgId, since: new Date(since).toISOString(), until: new Date(until).toISOString() },
        { jobId: `digest:${orgId}:${since}`, delayMs: until - now },
      );
  }

  /** One e-mail per recipient with the alerts that opened or resolved in the window. */
  async sendDigest(orgId: OrgId, since: Date, until: Date): Promise<number> {
    const { changes, recipients, orgName } = await this.db.run(orgId, async (scope) => ({
      changes: await this.repo.changes(scope, since, until),
      recipients: await this.repo.recipients(scope),
      orgName: (await this.orgs.get(scope))?.name ?? '',
    }));
    let sent = 0;
    for (const r of recipients) {
      const mine = changes.filter(
        (c) =>
          (r.role === 'ADMIN' || c.ownerId === r.userId) &&
          (r.minSeverity === 'WARNING' || c.severity === 'CRITICAL'),
      );
      if (!mine.length) continue;
      await this.mailer.send({
        to: r.email,
        subject: this.subject(orgName, mine),
        text: this.body(orgId, mine),
      });
      sent++;
    }
    return sent;
  }

  private subject(org: string, alerts: DigestAlert[]): string {
    const opened = alerts.filter((a) => a.change === 'OPENED').length;
    const resolved = alerts.length - opened;
    const parts = [
      opened ? `${opened} new alert${opened === 1 ? '' : 's'}` : '',
      resolved ? `${resolved} resolved` : '',
    ];
    return `${org}: ${parts.filter(Boolean).join(', ')} on Gapline`;
  }

  private body(orgId: string, alerts: DigestAlert[]): string {
    const base = this.config.PUBLIC_URL.replace(/\/$/, '');
    const lines = alerts.map(
      (a) =>
        `${a.change === 'OPENED' ? '•' : '✓'} ${a.projectName} — ${RULE_WORDS[a.rule as keyof typeof RULE_WORDS] ?? a.rule}` +
        ` (${a.severity.toLowerCase()}${a.change === 'RESOLVED' ? ', resolved' : ''}): ${a.message}`,
    );
    return `${lines.join('\n')}\n\nSee all alerts: ${base}/orgs/${orgId}/alerts\nChoose what reaches you in your notification settings.`;
  }
}

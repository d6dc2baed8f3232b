import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';

export interface Recipient {
  userId: string;
  email: string;
  name: string;
  role: string;
  minSeverity: string;
}

export interface DigestAlert {
  projectId: string;
  projectName: string;
  ownerId: string;
  rule: string;
  severity: string;
  message: string;
  change: 'OPENED' | 'RESOLVED';
}

@Injectable()
export class NotificationsRepository {
  async settings(scope: TenantScope, userId: string): Promise<{ emailAlerts: boolean; minSeverity: string }> {
    const s = await scope.tx.notificationSetting.findUnique({
      where: { orgId_userId: { orgId: scope.orgId, userId } },
    });
    return { emailAlerts: s?.emailAlerts ?? true, minSeverity: s?.minSeverity ?? 'WARNING' };
  }

  async save(
    scope: TenantScope,
    userId: string,
    data: { emailAlerts?: boolean; minSeverity?: string },
  ): Promise<void> {
    await scope.tx.notificationSetting.upsert({
      where: { orgId_userId: { orgId: scope.orgId, userId } },
      create: { orgId: scope.orgId, userId, ...data },
      update: data,
    });
  }

  async markSeen(scope: TenantScope, userId: string, at: Date): Promise<void> {
    await this.save(scope, userId, {});
    await scope.tx.notificationSetting.update({
      where: { orgId_userId: { orgId: scope.orgId, userId } },
      data: { alertsSeenAt: at },
    });
  }

  /** Live alerts that changed since the user last looked. */
  async unread(scope: TenantScope, userId: string): Promise<number> {
    const [row] = await scope.tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM alerts a
      LEFT JOIN notification_settings s ON s.org_id = a.org_id AND s.user_id = ${userId}::uuid
      WHERE a.org_id = ${scope.orgId}::uuid AND a.state IN ('OPEN', 'ACKNOWLEDGED')
        AND (s.alerts_seen_at IS NULL OR a.updated_at > s.alerts_seen_at)`;
    return Number(row?.n ?? 0);
  }

  /** Members who take alert e-mails: admins see every project, project owners their own. */
  recipients(scope: TenantScope): Promise<Recipient[]> {
    return scope.tx.$queryRaw<Recipient[]>`
      SELECT m.user_id::text AS "userId", u.email, u.name, m.role::text AS role,
             coalesce(s.min_severity, 'WARNING') AS "minSeverity"
      FROM memberships m JOIN users u ON u.id = m.user_id
      LEFT JOIN notification_settings s ON s.org_id = m.org_id AND s.user_id = m.user_id
      WHERE m.org_id = ${scope.orgId}::uuid AND m.role IN ('ADMIN', 'PROJECT_OWNER')
        AND coalesce(s.email_alerts, true)`;
  }

  /** Alerts that opened or resolved in a window: the state changes a digest reports. */
  changes(scope: TenantScope, since: Date, until: Date): Promise<DigestAlert[]> {
    return scope.tx.$queryRaw<DigestAlert[]>`
      SELECT a.project_id::text AS "projectId", p.name AS "projectName", p.owner_id::text AS "ownerId",
             a.rule, a.severity, a.message,
             CASE WHEN a.resolved_at >= ${since} AND a.resolved_at < ${until} THEN 'RESOLVED' ELSE 'OPENED' END AS change
      FROM alerts a JOIN projects p ON p.org_id = a.org_id AND p.id = a.project_id
      WHERE a.org_id = ${scope.orgId}::uuid
        AND ((a.opened_at >= ${since} AND a.opened_at < ${until}) OR (a.resolved_at >= ${since} AND a.resolved_at < ${until}))
      ORDER BY p.name, a.rule`;
  }
}

import type { AlertRule, AlertState, Firing, Severity } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import { uuidv7 } from '../common/ids.js';
import type { TenantScope } from '../db/tenant.js';
import type { Alert as AlertRow } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';

/** Rule, severity and state are text columns whose CHECK constraints hold the domain's values. */
export type Alert = Omit<AlertRow, 'rule' | 'severity' | 'state'> & {
  rule: AlertRule;
  severity: Severity;
  state: AlertState;
};

export interface ProjectTimes {
  stageEnteredAt: Date | null;
  /** Latest change to stage, checklist or costs, or acknowledgement of NO_ACTIVITY. */
  lastActivityAt: Date;
  readinessRoseAt: Date | null;
  overdueCapabilities: number;
}

/** What changed in one reconciliation, for notifications. */
export interface AlertChange {
  id: string;
  projectId: string;
  rule: AlertRule;
  severity: Severity;
  message: string;
  change: 'OPENED' | 'ESCALATED' | 'REOPENED' | 'RESOLVED';
}

export interface AlertFilter {
  rule?: string;
  severity?: string;
  state?: string;
  projectId?: string;
  beforeId?: string;
  limit: number;
}

@Injectable()
export class AlertsRepository {
  /** Time facts of many projects in one statement. */
  async times(scope: TenantScope, projectIds: string[], today: Date): Promise<Map<string, ProjectTimes>> {
    if (!projectIds.length) return new Map();
    const rows = await scope.tx.$queryRaw<
      { id: string; entered: Date | null; activity: Date; rose: Date | null; overdue: bigint }[]
    >`
      SELECT p.id::text AS id,
             p.stage_entered_at AS entered,
             greatest(p.updated_at, (SELECT max(a.acknowledged_at) FROM alerts a
                WHERE a.org_id = p.org_id AND a.project_id = p.id AND a.rule = 'NO_ACTIVITY')) AS activity,
             p.readiness_rose_at AS rose,
             (SELECT count(*) FROM checklist_items i JOIN capabilities c ON c.org_id = i.org_id AND c.key = i.capability_key
               WHERE i.org_id = p.org_id AND i.project_id = p.id AND c.retired_at IS NULL
                 AND i.due_date < ${today}::date AND i.status NOT IN ('DONE', 'NOT_APPLICABLE')) AS overdue
      FROM projects p
      WHERE p.org_id = ${scope.orgId}::uuid AND p.id = ANY(${projectIds}::uuid[])`;
    return new Map(
      rows.map((r) => [
        r.id,
        {
          stageEnteredAt: r.entered,
          lastActivityAt: r.activity,
          readinessRoseAt: r.rose,
          overdueCapabilities: Number(r.overdue),
        },
      ]),
    );
  }

  /**
   * Makes the live alerts of these projects match what fires, in set-based statements: new
   * conditions open an alert (or update the live one: severity may rise or fall, a snooze that ran
   * out reopens), cleared conditions resolve. The partial unique index on live alerts makes two
   * concurrent evaluations update one alert instead of creating two.
   */
  async reconcile(
    scope: TenantScope,
    projectIds: string[],
    firing: (Firing & { projectId: string })[],
    now: Date,
  ): Promise<AlertChange[]> {
    if (!projectIds.length) return [];
    const changes: AlertChange[] = [];
    if (firing.length) {
      const rows = await scope.tx.$queryRaw<
        (Omit<AlertChange, 'change'> & {
          inserted: boolean;
          oldSeverity: string | null;
          oldState: string;
          state: string;
        })[]
      >`
        WITH f AS (
          SELECT * FROM unnest(${firing.map((f) => f.projectId)}::uuid[], ${firing.map((f) => f.rule)}::text[],
                               ${firing.map((f) => f.severity)}::text[], ${firing.map((f) => f.message)}::text[],
                               ${firing.map(() => uuidv7(now.getTime()))}::uuid[])
            AS f(project_id, rule, severity, message, id)
        ), before AS (
          SELECT a.project_id, a.rule, a.severity, a.state FROM alerts a JOIN f USING (project_id, rule)
          WHERE a.org_id = ${scope.orgId}::uuid AND a.state <> 'RESOLVED'
        )
        INSERT INTO alerts AS a (org_id, id, project_id, rule, severity, message, opened_at, last_seen_at, updated_at)
        SELECT ${scope.orgId}::uuid, f.id, f.project_id, f.rule, f.severity, f.message, ${now}, ${now}, ${now}
        FROM f
        ON CONFLICT (org_id, project_id, rule) WHERE state <> 'RESOLVED' DO UPDATE SET
          severity = excluded.severity,
          message = excluded.message,
          last_seen_at = excluded.last_seen_at,
          updated_at = excluded.updated_at,
          state = CASE WHEN a.state = 'SNOOZED' AND a.snoozed_until <= excluded.last_seen_at THEN 'OPEN' ELSE a.state END,
          snoozed_until = CASE WHEN a.state = 'SNOOZED' AND a.snoozed_until <= excluded.last_seen_at THEN NULL ELSE a.snoozed_until END
        RETURNING a.id::text AS id, a.project_id::text AS "projectId", a.rule, a.severity, a.message, a.state,
                  (xmax = 0) AS inserted,
                  (SELECT b.severity FROM before b WHERE b.project_id = a.project_id AND b.rule = a.rule) AS "oldSeverity",
                  coalesce((SELECT b.state FROM before b WHERE b.project_id = a.project_id AND b.rule = a.rule), 'OPEN') AS "oldState"`;
      for (const r of rows) {
        const { inserted, oldSeverity, oldState, state, ...alert } = r;
        const change: AlertChange['change'] | null = inserted
          ? 'OPENED'
          : oldSeverity === 'WARNING' && alert.severity === 'CRITICAL'
            ? 'ESCALATED'
            : oldState === 'SNOOZED' && state === 'OPEN'
              ? 'REOPENED'
              : null;
        if (change) changes.push({ ...alert, change });
      }
    }
    const keep = firing.map((f) => `${f.projectId}/${f.rule}`);
    const resolved = await scope.tx.$queryRaw<Omit<AlertChange, 'change'>[]>`
      UPDATE alerts a SET state = 'RESOLVED', resolved_at = ${now}, resolved_by = 'AUTO', updated_at = ${now}
      WHERE a.org_id = ${scope.orgId}::uuid AND a.project_id = ANY(${projectIds}::uuid[]) AND a.state <> 'RESOLVED'
        AND NOT (a.project_id::text || '/' || a.rule = ANY(${keep}::text[]))
      RETURNING a.id::text AS id, a.project_id::text AS "projectId", a.rule, a.severity, a.message`;
    changes.push(...resolved.map((r) => ({ ...r, change: 'RESOLVED' as const })));
    return changes;
  }

  /** Resolves the live alerts of projects that are archived or over. */
  async resolveClosedProjects(scope: TenantScope, now: Date): Promise<number> {
    return scope.tx.$executeRaw`
      UPDATE alerts a SET state = 'RESOLVED', resolved_at = ${now}, resolved_by = 'AUTO', updated_at = ${now}
      FROM projects p
      WHERE a.org_id = ${scope.orgId}::uuid AND p.org_id = a.org_id AND p.id = a.project_id AND a.state <> 'RESOLVED'
        AND (p.archived_at IS NOT NULL OR p.stage IN ('RETIRED', 'CANCELLED'))`;
  }

  async list(scope: TenantScope, f: AlertFilter): Promise<(Alert & { projectName: string })[]> {
    const rows = await scope.tx.alert.findMany({
      where: {
        orgId: scope.orgId,
        rule: f.rule,
        severity: f.severity,
        state: f.state,
        projectId: f.projectId,
        ...(f.beforeId ? { id: { lt: f.beforeId } } : {}),
      },
      include: { project: { select: { name: true } } },
      orderBy: { id: 'desc' },
      take: f.limit,
    });
    return rows.map(({ project, ...a }) => ({ ...(a as Alert), projectName: project.name }));
  }

  async find(scope: TenantScope, id: string): Promise<Alert | null> {
    return (await scope.tx.alert.findUnique({
      where: { orgId_id: { orgId: scope.orgId, id } },
    })) as Alert | null;
  }

  async update(scope: TenantScope, id: string, data: Prisma.AlertUncheckedUpdateInput): Promise<Alert> {
    return (await scope.tx.alert.update({ where: { orgId_id: { orgId: scope.orgId, id } }, data })) as Alert;
  }

  async counts(scope: TenantScope): Promise<{ state: string; severity: string; n: number }[]> {
    const rows = await scope.tx.$queryRaw<{ state: string; severity: string; n: bigint }[]>`
      SELECT state, severity, count(*) AS n FROM alerts
      WHERE org_id = ${scope.orgId}::uuid AND state <> 'RESOLVED' GROUP BY 1, 2`;
    return rows.map((r) => ({ ...r, n: Number(r.n) }));
  }
}

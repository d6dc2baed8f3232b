import { assessProject, evaluateAlerts, type Firing } from '@gapline/domain';
import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../auth/tokens.js';
import type { OrgContext } from '../common/request-context.js';
import { CostsService } from '../costs/costs.service.js';
import { type OrgId, TenantDb, type TenantScope } from '../db/tenant.js';
import { ChecklistRepository } from '../projects/checklist.repository.js';
import { criteriaInput, daysSince } from '../projects/project-view.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { SettingsRepository } from '../projects/settings.repository.js';
import { type Alert, type AlertChange, type AlertFilter, AlertsRepository } from './alerts.repository.js';
import type { AlertActionDto, AlertDto, AlertSummaryDto } from './dto/alerts.dto.js';
import { NotificationsRepository } from './notifications.repository.js';

const PAGE = 1000;

export function alertView(a: Alert & { projectName?: string }): AlertDto {
  return {
    id: a.id,
    projectId: a.projectId,
    projectName: a.projectName ?? null,
    rule: a.rule,
    severity: a.severity,
    state: a.state,
    message: a.message,
    openedAt: a.openedAt,
    lastSeenAt: a.lastSeenAt,
    acknowledgedAt: a.acknowledgedAt,
    snoozedUntil: a.snoozedUntil,
    resolvedAt: a.resolvedAt,
  };
}

@Injectable()
export class AlertsService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: AlertsRepository,
    private readonly projects: ProjectsRepository,
    private readonly checklist: ChecklistRepository,
    private readonly settings: SettingsRepository,
    private readonly costs: CostsService,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsRepository,
  ) {}

  /**
   * Evaluates every rule for the organisation's open projects (or one project), a page at a time,
   * and reconciles the live alerts. Returns what changed, for notifications.
   */
  evaluate(orgId: OrgId, now = new Date(), projectId?: string): Promise<AlertChange[]> {
    return this.db.run(
      orgId,
      async (scope) => {
        const settings = await this.settings.getWithScale(scope);
        const changes: AlertChange[] = [];
        let after: string | null = null;
        for (;;) {
          const page = await this.projects.openPage(scope, after, PAGE, projectId);
          if (!page.length) break;
          changes.push(...(await this.evaluatePage(scope, page, settings, now)));
          if (page.length < PAGE || projectId) break;
          after = page[page.length - 1]?.id ?? null;
        }
        await this.repo.resolveClosedProjects(scope, now);
        return changes;
      },
      { timeoutMs: 10 * 60_000 },
    );
  }

  private async evaluatePage(
    scope: TenantScope,
    page: Awaited<ReturnType<ProjectsRepository['openPage']>>,
    settings: Awaited<ReturnType<SettingsRepository['getWithScale']>>,
    now: Date,
  ): Promise<AlertChange[]> {
    const ids = page.map((p) => p.id);
    const today = new Date(now.toISOString().slice(0, 10));
    const times = await this.repo.times(scope, ids, today);
    const statuses = await this.checklist.statuses(scope, ids);
    const projections = await this.costs.projections(scope, page, settings, now);
    const firing: (Firing & { projectId: string })[] = [];
    for (const p of page) {
      const t = times.get(p.id);
      const cost = projections.get(p.id);
      if (!t || !cost) continue;
      const readiness = assessProject(criteriaInput(p), settings, statuses.get(p.id) ?? []).readiness;
      const flatSince = [t.readinessRoseAt, t.stageEnteredAt]
        .filter((d): d is Date => !!d)
        .sort((a, b) => +b - +a)[0];
      const facts = {
        stage: p.stage,
        daysInStage: daysSince(t.stageEnteredAt, now),
        daysSinceActivity: daysSince(t.lastActivityAt, now),
        readinessFlatDays: daysSince(flatSince ?? null, now),
        overdueCapabilities: t.overdueCapabilities,
        burnRatio: cost.burn?.ratio ?? null,
        costMultiple: cost.costMultiple,
        underfunded: cost.underfunded,
        valueAtRisk: cost.value.doNotDeploy,
        ready: readiness.ready,
      };
      for (const f of evaluateAlerts(facts, settings)) firing.push({ ...f, projectId: p.id });
    }
    return this.repo.reconcile(scope, ids, firing, now);
  }

  async summary(orgId: OrgId, userId: string): Promise<AlertSummaryDto> {
    const [counts, unread] = await this.db.run(orgId, async (scope) => [
      await this.repo.counts(scope),
      await this.notifications.unread(scope, userId),
    ]);
    const sum = (f: (c: (typeof counts)[number]) => boolean) => counts.filter(f).reduce((t, c) => t + c.n, 0);
    return {
      open: sum((c) => c.state === 'OPEN'),
      critical: sum((c) => c.state === 'OPEN' && c.severity === 'CRITICAL'),
      warning: sum((c) => c.state === 'OPEN' && c.severity === 'WARNING'),
      acknowledged: sum((c) => c.state === 'ACKNOWLEDGED'),
      snoozed: sum((c) => c.state === 'SNOOZED'),
      unread,
    };
  }

  async list(orgId: OrgId, filter: AlertFilter): Promise<AlertDto[]> {
    const rows = await this.db.run(orgId, (scope) => this.repo.list(scope, filter));
    return rows.map(alertView);
  }

  /** Acknowledge, snooze until a time, or resolve by hand; every change is audited. */
  act(ctx: OrgContext, id: string, dto: AlertActionDto): Promise<AlertDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      const before = isUuid(id) ? await this.repo.find(scope, id) : null;
      if (!before) throw new NotFoundException('Alert not found');
      if (before.state === 'RESOLVED') throw new UnprocessableEntityException('This alert is resolved');
      const project = await this.projects.find(scope, before.projectId);
      if (ctx.role !== 'ADMIN' && project?.ownerId !== ctx.actor.userId) {
        throw new ForbiddenException('You can act only on alerts of the projects you own');
      }
      const now = new Date();
      const data =
        dto.action === 'acknowledge'
          ? {
              state: 'ACKNOWLEDGED',
              acknowledgedAt: now,
              acknowledgedById: ctx.actor.userId,
              snoozedUntil: null,
            }
          : dto.action === 'snooze'
            ? { state: 'SNOOZED', snoozedUntil: new Date(dto.until as string) }
            : { state: 'RESOLVED', resolvedAt: now, resolvedBy: ctx.actor.userId };
      if (dto.action === 'snooze' && !(new Date(dto.until as string) > now)) {
        throw new UnprocessableEntityException('Snooze until a time in the future');
      }
      const after = await this.repo.update(scope, id, data);
      await this.audit.record(scope, ctx.actor, {
        action: `alert.${dto.action === 'acknowledge' ? 'acknowledged' : dto.action === 'snooze' ? 'snoozed' : 'resolved'}`,
        entityType: 'alert',
        entityId: id,
        before: { state: before.state, snoozedUntil: before.snoozedUntil },
        after: { state: after.state, snoozedUntil: after.snoozedUntil },
      });
      return alertView(after);
    });
  }
}

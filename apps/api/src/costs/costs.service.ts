import {
  applyingCriteria,
  type CostFacts,
  type CostProjection,
  type CriteriaInput,
  type Criterion,
  canRecordCosts,
  evaluateCriteria,
  type OrgSettings,
  projectCosts,
  SPEND_STAGES,
  type SpendStage,
} from '@gapline/domain';
import {
  ForbiddenException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../auth/tokens.js';
import { InvalidInputException } from '../common/errors.js';
import type { OrgContext } from '../common/request-context.js';
import { TenantDb, type TenantScope } from '../db/tenant.js';
import { AlertRechecks } from '../jobs/alert-rechecks.js';
import { OrgsRepository } from '../orgs/orgs.repository.js';
import { criteriaInput } from '../projects/project-view.js';
import type { Project, ProjectWithOwner } from '../projects/projects.repository.js';
import { ProjectsRepository } from '../projects/projects.repository.js';
import { ProjectsService } from '../projects/projects.service.js';
import { SettingsRepository } from '../projects/settings.repository.js';
import { type CostEntry, CostsRepository } from './costs.repository.js';
import type {
  BudgetsInputDto,
  CostEntryDto,
  CostEntryInputDto,
  CostEntryPatchDto,
  CostsDto,
  EstimatesInputDto,
  ProjectionDto,
} from './dto/costs.dto.js';

const day = (d: Date) => d.toISOString().slice(0, 10);
const entryView = (e: CostEntry): CostEntryDto => ({
  id: e.id,
  date: day(e.date),
  amount: Number(e.amount),
  category: e.category,
  stage: e.stage,
  note: e.note,
  createdById: e.createdById,
  createdAt: e.createdAt,
});
const entryAudit = (e: CostEntry) => ({
  date: day(e.date),
  amount: Number(e.amount),
  category: e.category,
  stage: e.stage,
  note: e.note,
});

export function projectionView(p: CostProjection, currency: string): ProjectionDto {
  return {
    currency,
    pocCost: p.pocCost,
    pocCostSource: p.pocCostSource,
    benchmark: p.benchmark,
    bottomUpLines: p.bottomUp.lines,
    spendByStage: p.spendByStage,
    headline: p.headline,
    ongoing: p.ongoing,
    spendToDate: p.spendToDate,
    postPocSpend: p.postPocSpend,
    costMultiple: p.costMultiple,
    burn: p.burn,
    value: p.value,
    underfunded: p.underfunded,
  };
}

/** The decision guide's criteria that apply to a project (as in its assessment): its costs depend on them. */
export function applyingOf(criteria: CriteriaInput, settings: OrgSettings): Criterion[] {
  return applyingCriteria(evaluateCriteria(criteria, settings));
}

/**
 * One project's cost projection from its criteria and recorded facts: the projection endpoint,
 * the alerts and the finance export all go through here.
 */
export function projectionOf(
  criteria: CriteriaInput & { expectedAnnualValue: number | null },
  facts: Omit<CostFacts, 'applying' | 'expectedAnnualValue' | 'scalePercent'>,
  settings: OrgSettings & { costScalePercent: number },
  now: Date,
  applying: readonly Criterion[] = applyingOf(criteria, settings),
): CostProjection {
  return projectCosts(
    {
      ...facts,
      applying,
      expectedAnnualValue: criteria.expectedAnnualValue,
      scalePercent: settings.costScalePercent,
    },
    settings,
    now,
  );
}

@Injectable()
export class CostsService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: CostsRepository,
    private readonly projects: ProjectsService,
    private readonly projectsRepo: ProjectsRepository,
    private readonly settings: SettingsRepository,
    private readonly audit: AuditService,
    private readonly orgs: OrgsRepository,
    private readonly rechecks: AlertRechecks,
  ) {}

  /** Cost projections of many projects from a handful of set-based queries (projection endpoint and export). */
  async projections(
    scope: TenantScope,
    projects: Project[],
    settings: OrgSettings & { costScalePercent: number },
    now = new Date(),
  ): Promise<Map<string, CostProjection>> {
    const ids = projects.map((p) => p.id);
    const spend = await this.repo.spend(scope, ids, now);
    const estimates = await this.repo.estimatesOf(scope, ids);
    const starts = await this.repo.stageStarts(scope, ids);
    return new Map(
      projects.map((p) => {
        const s = spend.get(p.id) ?? { byStage: {}, last90Days: 0 };
        const projection = projectionOf(
          criteriaInput(p),
          {
            stage: p.stage,
            stageStartedAt: starts.get(p.id) ?? null,
            pocBudget: p.pocBudget === null ? null : Number(p.pocBudget),
            productionBudget: p.productionBudget === null ? null : Number(p.productionBudget),
            estimates: estimates.get(p.id) ?? {},
            spendByStage: s.byStage,
            spendLast90Days: s.last90Days,
          },
          settings,
          now,
        );
        return [p.id, projection];
      }),
    );
  }

  projection(ctx: OrgContext, projectId: string): Promise<ProjectionDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      const project = await this.projects.findOrFail(scope, projectId);
      const settings = await this.settings.getWithScale(scope);
      const p = (await this.projections(scope, [project], settings)).get(project.id) as CostProjection;
      return projectionView(p, settings.currency);
    });
  }

  get(ctx: OrgContext, projectId: string): Promise<CostsDto> {
    return this.db.run(ctx.orgId, (scope) => this.view(scope, ctx, projectId));
  }

  private async view(scope: TenantScope, ctx: OrgContext, projectId: string): Promise<CostsDto> {
    const project = await this.projects.findOrFail(scope, projectId);
    const entries = await this.repo.entries(scope, projectId);
    const estimates = await this.repo.estimatesOf(scope, [projectId]);
    const settings = await this.settings.get(scope);
    const approver = project.productionBudgetApprovedById
      ? await this.orgs.findMember(scope, project.productionBudgetApprovedById)
      : null;
    return {
      currency: settings.currency,
      budgets: {
        pocBudget: project.pocBudget === null ? null : Number(project.pocBudget),
        productionBudget: project.productionBudget === null ? null : Number(project.productionBudget),
        productionBudgetApprovedById: project.productionBudgetApprovedById,
        productionBudgetApprovedByName: approver?.user.name ?? null,
        productionBudgetApprovedAt: project.productionBudgetApprovedAt,
      },
      estimates: Object.entries(estimates.get(projectId) ?? {}).map(([line, b]) => ({
        line: line as never,
        ...b,
      })),
      entries: entries.map(entryView),
      canEdit: canRecordCosts(ctx.role, ctx.actor.userId, project) && !project.archivedAt,
    };
  }

  /** Loads a project for recording costs: 404 when absent, 403 when the caller may only read it. */
  private async recordable(
    scope: TenantScope,
    ctx: OrgContext,
    projectId: string,
  ): Promise<ProjectWithOwner> {
    const project = await this.projects.findOrFail(scope, projectId);
    if (!canRecordCosts(ctx.role, ctx.actor.userId, project)) {
      throw new ForbiddenException('You can record costs only on the projects you own');
    }
    if (project.archivedAt)
      throw new UnprocessableEntityException('This project is archived; restore it first');
    return project;
  }

  private async checkCurrency(scope: TenantScope, currency: string | undefined): Promise<void> {
    if (!currency) return;
    const { currency: org } = await this.settings.get(scope);
    if (currency !== org) {
      throw new InvalidInputException([
        { field: 'currency', problems: [`currency must be ${org}, the organisation's currency`] },
      ]);
    }
  }

  async setBudgets(ctx: OrgContext, projectId: string, dto: BudgetsInputDto): Promise<CostsDto> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      const before = await this.recordable(scope, ctx, projectId);
      const num = (v: bigint | null) => (v === null ? null : Number(v));
      const changes: Record<string, unknown> = {};
      const data: Parameters<ProjectsRepository['update']>[2] = {};
      if (dto.pocBudget !== undefined && dto.pocBudget !== num(before.pocBudget)) {
        data.pocBudget = dto.pocBudget === null ? null : BigInt(dto.pocBudget);
        changes.pocBudget = dto.pocBudget;
      }
      if (dto.productionBudget !== undefined && dto.productionBudget !== num(before.productionBudget)) {
        data.productionBudget = dto.productionBudget === null ? null : BigInt(dto.productionBudget);
        data.productionBudgetApprovedById = dto.productionBudget === null ? null : ctx.actor.userId;
        data.productionBudgetApprovedAt = dto.productionBudget === null ? null : new Date();
        changes.productionBudget = dto.productionBudget;
      }
      if (Object.keys(changes).length) {
        await this.projectsRepo.update(scope, projectId, data);
        await this.audit.record(scope, ctx.actor, {
          action: 'project.budget_changed',
          entityType: 'project',
          entityId: projectId,
          before: { pocBudget: num(before.pocBudget), productionBudget: num(before.productionBudget) },
          after: {
            ...changes,
            ...(changes.productionBudget !== undefined ? { approvedBy: ctx.actor.label } : {}),
          },
        });
      }
      return this.view(scope, ctx, projectId);
    });
    await this.rechecks.request(ctx.orgId, projectId);
    return result;
  }

  async setEstimates(ctx: OrgContext, projectId: string, dto: EstimatesInputDto): Promise<CostsDto> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      await this.recordable(scope, ctx, projectId);
      const problems = dto.lines.flatMap((l, i) => [
        ...(l.high < l.low ? [{ field: `lines[${i}].high`, problems: ['high must not be below low'] }] : []),
        ...(dto.lines.findIndex((o) => o.line === l.line) !== i
          ? [{ field: `lines[${i}].line`, problems: [`${l.line} appears twice`] }]
          : []),
      ]);
      if (problems.length) throw new InvalidInputException(problems);
      const before = (await this.repo.estimatesOf(scope, [projectId])).get(projectId);
      await this.repo.replaceEstimates(scope, projectId, dto.lines);
      await this.audit.record(scope, ctx.actor, {
        action: 'project.estimates_changed',
        entityType: 'project',
        entityId: projectId,
        before,
        after: Object.fromEntries(dto.lines.map((l) => [l.line, { low: l.low, high: l.high }])),
      });
      await this.projectsRepo.touch(scope, projectId);
      return this.view(scope, ctx, projectId);
    });
    await this.rechecks.request(ctx.orgId, projectId);
    return result;
  }

  async addEntry(ctx: OrgContext, projectId: string, dto: CostEntryInputDto): Promise<CostEntryDto> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      const project = await this.recordable(scope, ctx, projectId);
      await this.checkCurrency(scope, dto.currency);
      const stage: SpendStage =
        dto.stage ??
        ((SPEND_STAGES as readonly string[]).includes(project.stage)
          ? (project.stage as SpendStage)
          : 'PRODUCTION');
      const e = await this.repo.createEntry(scope, {
        projectId,
        date: new Date(`${dto.date}T00:00:00Z`),
        amount: BigInt(dto.amount),
        category: dto.category,
        stage,
        note: dto.note ?? '',
        createdById: ctx.actor.userId,
      });
      await this.audit.record(scope, ctx.actor, {
        action: 'cost.recorded',
        entityType: 'cost_entry',
        entityId: e.id,
        after: { projectId, ...entryAudit(e) },
      });
      await this.projectsRepo.touch(scope, projectId);
      return entryView(e);
    });
    await this.rechecks.request(ctx.orgId, projectId);
    return result;
  }

  private async entryOrFail(scope: TenantScope, projectId: string, id: string): Promise<CostEntry> {
    const e = isUuid(id) ? await this.repo.findEntry(scope, projectId, id) : null;
    if (!e) throw new NotFoundException('Cost entry not found');
    return e;
  }

  async updateEntry(
    ctx: OrgContext,
    projectId: string,
    id: string,
    dto: CostEntryPatchDto,
  ): Promise<CostEntryDto> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      await this.recordable(scope, ctx, projectId);
      await this.checkCurrency(scope, dto.currency);
      const before = await this.entryOrFail(scope, projectId, id);
      const after = await this.repo.updateEntry(scope, id, {
        date: dto.date ? new Date(`${dto.date}T00:00:00Z`) : undefined,
        amount: dto.amount === undefined ? undefined : BigInt(dto.amount),
        category: dto.category,
        stage: dto.stage,
        note: dto.note,
      });
      await this.audit.record(scope, ctx.actor, {
        action: 'cost.updated',
        entityType: 'cost_entry',
        entityId: id,
        before: entryAudit(before),
        after: entryAudit(after),
      });
      await this.projectsRepo.touch(scope, projectId);
      return entryView(after);
    });
    await this.rechecks.request(ctx.orgId, projectId);
    return result;
  }

  async deleteEntry(ctx: OrgContext, projectId: string, id: string): Promise<void> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      await this.recordable(scope, ctx, projectId);
      const before = await this.entryOrFail(scope, projectId, id);
      await this.repo.deleteEntry(scope, id);
      await this.audit.record(scope, ctx.actor, {
        action: 'cost.deleted',
        entityType: 'cost_entry',
        entityId: id,
        before: { projectId, ...entryAudit(before) },
      });
      await this.projectsRepo.touch(scope, projectId);
    });
    await this.rechecks.request(ctx.orgId, projectId);
    return result;
  }
}

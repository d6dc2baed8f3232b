import {
  type Assessment,
  assessProject,
  canEditProject,
  checkTransition,
  type OrgSettings,
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
import type { Prisma } from '../generated/prisma/client.js';
import { AlertRechecks } from '../jobs/alert-rechecks.js';
import { OrgsRepository } from '../orgs/orgs.repository.js';
import { ChecklistRepository } from './checklist.repository.js';
import type {
  CreateProjectDto,
  ProjectDto,
  ProjectPageDto,
  ProjectQueryDto,
  TransitionDto,
  TransitionRequestDto,
  UpdateProjectDto,
} from './dto/projects.dto.js';
import { auditFields, criteriaInput, daysSince, diff, projectView, readinessView } from './project-view.js';
import {
  type ListRow,
  ProjectsRepository,
  type ProjectWithOwner,
  type SortField,
} from './projects.repository.js';
import { SettingsRepository } from './settings.repository.js';

const NOT_FOUND = 'Project not found';

function listCriteria(r: ListRow) {
  const num = (v: bigint | null) => (v === null ? null : Number(v));
  return { ...r, revenueAtRisk: num(r.revenueAtRisk), expectedAnnualValue: num(r.expectedAnnualValue) };
}

function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

function decodeCursor(cursor: string): { value: string; id: string } {
  try {
    const [value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof value === 'string' && isUuid(id)) return { value, id };
  } catch {
    // fall through to the 400 below
  }
  throw new InvalidInputException([{ field: 'cursor', problems: ['cursor is not one this API returned'] }]);
}

const dateOrNull = (d: string | null | undefined) =>
  d === undefined ? undefined : d === null ? null : new Date(`${d}T00:00:00Z`);
const bigOrNull = (v: number | null | undefined) =>
  v === undefined ? undefined : v === null ? null : BigInt(v);

@Injectable()
export class ProjectsService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: ProjectsRepository,
    private readonly checklist: ChecklistRepository,
    private readonly settings: SettingsRepository,
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditService,
    private readonly rechecks: AlertRechecks,
  ) {}

  /** The project's derived numbers (criteria, recommendation, readiness) from its record and checklist. */
  async assess(scope: TenantScope, project: ProjectWithOwner, settings?: OrgSettings): Promise<Assessment> {
    const s = settings ?? (await this.settings.get(scope));
    const statuses = await this.checklist.statuses(scope, [project.id]);
    return assessProject(criteriaInput(project), s, statuses.get(project.id) ?? []);
  }

  async findOrFail(scope: TenantScope, id: string): Promise<ProjectWithOwner> {
    const project = isUuid(id) ? await this.repo.find(scope, id) : null;
    if (!project) throw new NotFoundException(NOT_FOUND);
    return project;
  }

  /** Loads a project for editing: 404 when absent, 403 when the caller may only read it. */
  async editable(scope: TenantScope, ctx: OrgContext, id: string): Promise<ProjectWithOwner> {
    await (isUuid(id) ? this.repo.lock(scope, id) : Promise.resolve());
    const project = await this.findOrFail(scope, id);
    if (!canEditProject(ctx.role, ctx.actor.userId, project)) {
      throw new ForbiddenException('You can edit only the projects you own');
    }
    if (project.archivedAt)
      throw new UnprocessableEntityException('This project is archived; restore it first');
    return project;
  }

  private async view(scope: TenantScope, ctx: OrgContext, project: ProjectWithOwner): Promise<ProjectDto> {
    const assessment = await this.assess(scope, project);
    const enteredAt = await this.repo.stageEnteredAt(scope, project.id);
    return projectView(project, assessment, enteredAt, canEditProject(ctx.role, ctx.actor.userId, project));
  }

  get(ctx: OrgContext, id: string): Promise<ProjectDto> {
    return this.db.run(ctx.orgId, async (scope) => this.view(scope, ctx, await this.findOrFail(scope, id)));
  }

  list(ctx: OrgContext, q: ProjectQueryDto): Promise<ProjectPageDto> {
    const sort = (q.sort ?? 'name').replace('-', '') as SortField;
    const desc = (q.sort ?? '').startsWith('-');
    const limit = q.limit ?? 25;
    const filter = {
      stages: q.stage,
      ownerId: q.ownerId,
      businessUnit: q.businessUnit,
      riskClass: q.riskClass,
      recommendation: q.recommendation,
      q: q.q,
      archived: q.archived === 'true',
    };
    return this.db.run(ctx.orgId, async (scope) => {
      const after = q.cursor ? decodeCursor(q.cursor) : undefined;
      const rows = await this.repo.list(scope, { filter, sort, desc, after, limit });
      const total = await this.repo.count(scope, filter);
      const settings = await this.settings.get(scope);
      const statuses = await this.checklist.statuses(
        scope,
        rows.map((r) => r.id),
      );
      const items = rows.map((r) => {
        const readiness = assessProject(listCriteria(r), settings, statuses.get(r.id) ?? []).readiness;
        return {
          id: r.id,
          name: r.name,
          businessUnit: r.businessUnit,
          owner: { userId: r.ownerId, name: r.ownerName },
          stage: r.stage,
          riskClass: r.riskClass,
          recommendation: r.recommendation,
          tags: r.tags,
          expectedAnnualValue: r.expectedAnnualValue === null ? null : Number(r.expectedAnnualValue),
          stageEnteredAt: r.stageEnteredAt,
          daysInStage: daysSince(r.stageEnteredAt),
          readiness: readinessView(readiness),
          archivedAt: r.archivedAt,
          updatedAt: r.updatedAt,
        };
      });
      const last = rows.at(-1);
      const value = (r: NonNullable<typeof last>) =>
        sort === 'name' ? r.name : (sort === 'createdAt' ? r.createdAt : r.updatedAt).toISOString();
      return {
        items,
        total,
        nextCursor: rows.length === limit && last ? encodeCursor(value(last), last.id) : null,
      };
    });
  }

  private async checkOwner(scope: TenantScope, ctx: OrgContext, ownerId: string): Promise<void> {
    const role = await this.orgs.roleOf(scope, ownerId);
    const problem =
      role !== 'ADMIN' && role !== 'PROJECT_OWNER'
        ? 'ownerId must be a member who is an admin or project owner'
        : ctx.role !== 'ADMIN' && ownerId !== ctx.actor.userId
          ? 'ownerId: a project owner can only make projects of their own'
          : null;
    if (problem) throw new InvalidInputException([{ field: 'ownerId', problems: [problem] }]);
  }

  private data(dto: UpdateProjectDto): Prisma.ProjectUncheckedUpdateInput {
    return {
      name: dto.name,
      description: dto.description,
      businessUnit: dto.businessUnit,
      ownerId: dto.ownerId,
      tags: dto.tags ? [...new Set(dto.tags.map((t) => t.trim()))] : undefined,
      startDate: dateOrNull(dto.startDate),
      targetDate: dateOrNull(dto.targetDate),
      riskClass: dto.riskClass,
      expectedAnnualValue: bigOrNull(dto.expectedAnnualValue),
      revenueAtRisk: bigOrNull(dto.revenueAtRisk),
      regulatedDecisions: dto.regulatedDecisions,
      personalData: dto.personalData,
      uptimeSlaBp: dto.uptimeSlaBp,
      retentionYears: dto.retentionYears,
      silentDegradation: dto.silentDegradation,
      dependentTeams: dto.dependentTeams,
    };
  }

  private checkDates(start: Date | null, target: Date | null): void {
    if (start && target && target < start) {
      throw new InvalidInputException([
        { field: 'targetDate', problems: ['targetDate must not be before startDate'] },
      ]);
    }
  }

  create(ctx: OrgContext, dto: CreateProjectDto): Promise<ProjectDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      const ownerId = dto.ownerId ?? ctx.actor.userId;
      await this.checkOwner(scope, ctx, ownerId);
      const data = this.data({ ...dto, ownerId }) as Prisma.ProjectUncheckedCreateInput;
      this.checkDates((data.startDate as Date | null) ?? null, (data.targetDate as Date | null) ?? null);
      const stage = dto.stage ?? 'IDEA';
      const settings = await this.settings.get(scope);
      const draft = await this.repo.create(scope, { ...data, stage, recommendation: 'POC_SUFFICIENT' });
      const assessment = assessProject(criteriaInput(draft), settings, []);
      await this.repo.update(scope, draft.id, {
        recommendation: assessment.recommendation,
        criteria: assessment.applying,
      });
      await this.repo.addTransition(scope, {
        projectId: draft.id,
        fromStage: null,
        toStage: stage,
        actorId: ctx.actor.userId,
        reason: 'Registered',
        override: false,
      });
      await this.checklist.createItems(scope, draft.id);
      const project = await this.findOrFail(scope, draft.id);
      const full = await this.assess(scope, project, settings);
      await this.checklist.snapshot(scope, project.id, full.readiness);
      await this.audit.record(scope, ctx.actor, {
        action: 'project.created',
        entityType: 'project',
        entityId: project.id,
        after: { ...auditFields(project), stage },
      });
      return this.view(scope, ctx, project);
    });
  }

  async update(ctx: OrgContext, id: string, dto: UpdateProjectDto): Promise<ProjectDto> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      const before = await this.editable(scope, ctx, id);
      if (dto.ownerId && dto.ownerId !== before.ownerId) await this.checkOwner(scope, ctx, dto.ownerId);
      const data = this.data(dto);
      const start = data.startDate === undefined ? before.startDate : (data.startDate as Date | null);
      const target = data.targetDate === undefined ? before.targetDate : (data.targetDate as Date | null);
      this.checkDates(start, target);
      const updated = await this.repo.update(scope, id, data);
      const project = await this.findOrFail(scope, id);
      const assessment = await this.assess(scope, project);
      await this.repo.setAssessments(scope, [
        { id, recommendation: assessment.recommendation, criteria: assessment.applying },
      ]);
      const change = diff(auditFields(before), auditFields(updated));
      if (change.changed) {
        await this.checklist.snapshot(scope, id, assessment.readiness);
        await this.audit.record(scope, ctx.actor, {
          action: 'project.updated',
          entityType: 'project',
          entityId: id,
          before: change.before,
          after: change.after,
        });
      }
      return this.view(scope, ctx, await this.findOrFail(scope, id));
    });
    await this.rechecks.request(ctx.orgId, id);
    return result;
  }

  archive(ctx: OrgContext, id: string): Promise<void> {
    return this.db.run(ctx.orgId, async (scope) => {
      await this.editable(scope, ctx, id);
      await this.repo.update(scope, id, { archivedAt: new Date() });
      await this.audit.record(scope, ctx.actor, {
        action: 'project.archived',
        entityType: 'project',
        entityId: id,
      });
    });
  }

  restore(ctx: OrgContext, id: string): Promise<ProjectDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      const project = await this.findOrFail(scope, id);
      if (!project.archivedAt) throw new UnprocessableEntityException('This project is not archived');
      await this.repo.update(scope, id, { archivedAt: null });
      await this.audit.record(scope, ctx.actor, {
        action: 'project.restored',
        entityType: 'project',
        entityId: id,
      });
      return this.view(scope, ctx, await this.findOrFail(scope, id));
    });
  }

  transitions(ctx: OrgContext, id: string): Promise<TransitionDto[]> {
    return this.db.run(ctx.orgId, async (scope) => {
      await this.findOrFail(scope, id);
      const rows = await this.repo.transitions(scope, id);
      return rows.map((t) => ({ ...t, fromStage: t.fromStage, toStage: t.toStage }));
    });
  }

  /** Moves a project to another stage under the lifecycle rules; a refusal says why. */
  async transition(ctx: OrgContext, id: string, dto: TransitionRequestDto): Promise<ProjectDto> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      const project = await this.editable(scope, ctx, id);
      const assessment = await this.assess(scope, project);
      const verdict = checkTransition({
        from: project.stage,
        to: dto.to,
        role: ctx.role,
        reason: dto.reason,
        override: dto.override,
        riskClass: project.riskClass,
        applyingCriteria: assessment.applying,
        readiness: { ready: assessment.readiness.ready, missing: assessment.readiness.missing },
      });
      if (!verdict.allowed) {
        throw new UnprocessableEntityException(verdict.reason);
      }
      const reason = dto.reason?.trim() || null;
      await this.repo.update(scope, id, { stage: dto.to });
      await this.repo.addTransition(scope, {
        projectId: id,
        fromStage: project.stage,
        toStage: dto.to,
        actorId: ctx.actor.userId,
        reason,
        override: verdict.overridden,
      });
      await this.audit.record(scope, ctx.actor, {
        action: verdict.overridden ? 'project.stage_overridden' : 'project.stage_changed',
        entityType: 'project',
        entityId: id,
        before: { stage: project.stage },
        after: {
          stage: dto.to,
          reason,
          override: verdict.overridden,
          readiness: assessment.readiness.missing,
        },
      });
      return this.view(scope, ctx, await this.findOrFail(scope, id));
    });
    await this.rechecks.request(ctx.orgId, id);
    return result;
  }
}

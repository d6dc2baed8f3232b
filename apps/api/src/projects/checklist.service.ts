import {
  ALWAYS_REQUIRED,
  assessProject,
  canEditProject,
  type ItemStatus,
  MAX_CAPABILITIES,
  statusViolation,
} from '@gapline/domain';
import {
  ConflictException,
  Injectable,
  NotFoundException,
  UnprocessableEntityException,
} from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputException } from '../common/errors.js';
import type { OrgContext } from '../common/request-context.js';
import { type OrgId, TenantDb, type TenantScope } from '../db/tenant.js';
import type { Capability } from '../generated/prisma/client.js';
import { AlertRechecks } from '../jobs/alert-rechecks.js';
import { OrgsRepository } from '../orgs/orgs.repository.js';
import { type ChecklistItem, ChecklistRepository } from './checklist.repository.js';
import type {
  BulkItemDto,
  CapabilityDto,
  ChecklistChangeDto,
  ChecklistDto,
  CreateCapabilityDto,
  EvidenceDto,
  EvidenceInputDto,
  ItemPatchDto,
  ReadinessPointDto,
  UpdateCapabilityDto,
} from './dto/checklist.dto.js';
import { criteriaInput, readinessView } from './project-view.js';
import { ProjectsRepository, type ProjectWithOwner } from './projects.repository.js';
import { ProjectsService } from './projects.service.js';
import { SettingsRepository } from './settings.repository.js';

type Field = 'status' | 'assigneeId' | 'dueDate' | 'notes' | 'naJustification';
const FIELDS: Field[] = ['status', 'assigneeId', 'dueDate', 'notes', 'naJustification'];

function stored(item: ChecklistItem, field: Field): string | null {
  const v = item[field];
  return v instanceof Date ? v.toISOString().slice(0, 10) : (v ?? null);
}

const capabilityView = (c: Capability): CapabilityDto => ({
  key: c.key,
  name: c.name,
  group: c.group,
  description: c.description,
  builtIn: c.builtIn,
  retiredAt: c.retiredAt,
});

@Injectable()
export class ChecklistService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: ChecklistRepository,
    private readonly projects: ProjectsService,
    private readonly projectsRepo: ProjectsRepository,
    private readonly settings: SettingsRepository,
    private readonly orgs: OrgsRepository,
    private readonly audit: AuditService,
    private readonly rechecks: AlertRechecks,
  ) {}

  private async view(scope: TenantScope, ctx: OrgContext, project: ProjectWithOwner): Promise<ChecklistDto> {
    const items = await this.repo.items(scope, project.id);
    const settings = await this.settings.get(scope);
    const a = assessProject(
      criteriaInput(project),
      settings,
      items.map((i) => ({ key: i.capabilityKey, status: i.status })),
    );
    return {
      projectId: project.id,
      readiness: readinessView(a.readiness),
      canEdit: canEditProject(ctx.role, ctx.actor.userId, project) && !project.archivedAt,
      items: items.map((i) => ({
        key: i.capabilityKey,
        name: i.capability.name,
        group: i.capability.group,
        description: i.capability.description,
        required: a.required.includes(i.capabilityKey),
        alwaysRequired: ALWAYS_REQUIRED.includes(i.capabilityKey),
        status: i.status,
        assigneeId: i.assigneeId,
        assigneeName: i.assigneeName,
        dueDate: i.dueDate ? i.dueDate.toISOString().slice(0, 10) : null,
        notes: i.notes,
        naJustification: i.naJustification,
        evidence: i.evidence.map((e) => ({
          id: e.id,
          url: e.url,
          title: e.title,
          addedById: e.addedById,
          addedByName: e.addedByName,
          createdAt: e.createdAt,
        })),
        updatedAt: i.updatedAt,
      })),
    };
  }

  get(ctx: OrgContext, projectId: string): Promise<ChecklistDto> {
    return this.db.run(ctx.orgId, async (scope) =>
      this.view(scope, ctx, await this.projects.findOrFail(scope, projectId)),
    );
  }

  update(ctx: OrgContext, projectId: string, key: string, patch: ItemPatchDto): Promise<ChecklistDto> {
    return this.bulk(ctx, projectId, [{ ...patch, key }], null);
  }

  /**
   * Applies changes to several items in one transaction: every item is checked first, so one bad
   * item writes nothing and the 400 names it. One audit event per changed item, one history row
   * per changed field, one readiness snapshot.
   */
  async bulk(
    ctx: OrgContext,
    projectId: string,
    changes: BulkItemDto[],
    path: string | null = 'items',
  ): Promise<ChecklistDto> {
    const result = await this.db.run(ctx.orgId, async (scope) => {
      const project = await this.projects.editable(scope, ctx, projectId);
      const current = new Map((await this.repo.items(scope, projectId)).map((i) => [i.capabilityKey, i]));
      const memberIds = new Set((await this.orgs.memberRoles(scope)).map((m) => m.userId));
      const problems: { field: string; problems: string[] }[] = [];
      const seen = new Set<string>();
      changes.forEach((c, i) => {
        const at = (f: string) => (path ? `${path}[${i}].${f}` : f);
        const item = current.get(c.key);
        // The item named in the URL is a resource like any other: missing, it is a 404.
        if (!item && !path) throw new NotFoundException(`${c.key} is not on this checklist`);
        if (!item) {
          problems.push({
            field: path ? at('key') : 'capabilityKey',
            problems: [`${c.key} is not on this checklist`],
          });
          return;
        }
        if (seen.has(c.key)) problems.push({ field: at('key'), problems: [`${c.key} appears twice`] });
        seen.add(c.key);
        const status = (c.status ?? item.status) as ItemStatus;
        const justification = c.naJustification === undefined ? item.naJustification : c.naJustification;
        const violation = statusViolation(c.key, status, justification);
        if (violation)
          problems.push({ field: at(c.status ? 'status' : 'naJustification'), problems: [violation] });
        if (c.assigneeId && !memberIds.has(c.assigneeId)) {
          problems.push({
            field: at('assigneeId'),
            problems: ['assigneeId must be a member of the organisation'],
          });
        }
      });
      if (problems.length) throw new InvalidInputException(problems);

      for (const c of changes) {
        const before = current.get(c.key) as ChecklistItem;
        const status = c.status ?? before.status;
        const data = {
          status: c.status,
          assigneeId: c.assigneeId,
          dueDate:
            c.dueDate === undefined
              ? undefined
              : c.dueDate === null
                ? null
                : new Date(`${c.dueDate}T00:00:00Z`),
          notes: c.notes,
          // A justification only means something while the item is not applicable.
          naJustification: status === 'NOT_APPLICABLE' ? c.naJustification?.trim() : null,
        };
        const after = await this.repo.updateItem(scope, projectId, c.key, data);
        const changed = FIELDS.filter((f) => stored(before, f) !== stored(after, f));
        if (!changed.length) continue;
        await this.repo.recordChanges(
          scope,
          changed.map((f) => ({
            projectId,
            capabilityKey: c.key,
            actorId: ctx.actor.userId,
            field: f,
            fromValue: stored(before, f),
            toValue: stored(after, f),
          })),
        );
        await this.audit.record(scope, ctx.actor, {
          action: 'checklist.item_updated',
          entityType: 'checklist_item',
          entityId: `${projectId}/${c.key}`,
          before: Object.fromEntries(changed.map((f) => [f, stored(before, f)])),
          after: Object.fromEntries(changed.map((f) => [f, stored(after, f)])),
        });
      }
      await this.projectsRepo.touch(scope, projectId);
      const view = await this.view(scope, ctx, project);
      await this.repo.snapshot(scope, projectId, view.readiness);
      return view;
    });
    await this.rechecks.request(ctx.orgId, projectId);
    return result;
  }

  addEvidence(
    ctx: OrgContext,
    projectId: string,
    key: string,
    input: EvidenceInputDto,
  ): Promise<EvidenceDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      await this.projects.editable(scope, ctx, projectId);
      if (!(await this.repo.findItem(scope, projectId, key)))
        throw new NotFoundException(`${key} is not on this checklist`);
      const e = await this.repo.addEvidence(scope, {
        projectId,
        capabilityKey: key,
        ...input,
        addedById: ctx.actor.userId,
      });
      await this.repo.recordChanges(scope, [
        {
          projectId,
          capabilityKey: key,
          actorId: ctx.actor.userId,
          field: 'evidence',
          fromValue: null,
          toValue: input.url,
        },
      ]);
      await this.audit.record(scope, ctx.actor, {
        action: 'checklist.evidence_added',
        entityType: 'checklist_item',
        entityId: `${projectId}/${key}`,
        after: input,
      });
      await this.projectsRepo.touch(scope, projectId);
      return {
        id: e.id,
        url: e.url,
        title: e.title,
        addedById: e.addedById,
        addedByName: ctx.actor.label,
        createdAt: e.createdAt,
      };
    });
  }

  history(ctx: OrgContext, projectId: string, key: string): Promise<ChecklistChangeDto[]> {
    return this.db.run(ctx.orgId, async (scope) => {
      await this.projects.findOrFail(scope, projectId);
      if (!(await this.repo.findItem(scope, projectId, key)))
        throw new NotFoundException(`${key} is not on this checklist`);
      return this.repo.history(scope, projectId, key);
    });
  }

  readinessHistory(ctx: OrgContext, projectId: string, days: number): Promise<ReadinessPointDto[]> {
    return this.db.run(ctx.orgId, async (scope) => {
      await this.projects.findOrFail(scope, projectId);
      return this.repo.snapshots(scope, projectId, new Date(Date.now() - days * 86_400_000));
    });
  }

  /** The daily readiness snapshot of every open project of one organisation, in a few set-based queries. */
  snapshotAll(orgId: OrgId): Promise<number> {
    return this.db.run(orgId, (scope) => this.snapshotOpen(scope), { timeoutMs: 120_000 });
  }

  /**
   * Snapshots every open project's readiness inside the caller's transaction (after rule or template
   * changes, and daily). It also rewrites any stored assessment (recommendation, applying criteria)
   * that no longer matches the domain rules, so derived data heals after a rules change.
   */
  async snapshotOpen(scope: TenantScope): Promise<number> {
    const projects = await this.projectsRepo.open(scope);
    const settings = await this.settings.get(scope);
    const statuses = await this.repo.statuses(
      scope,
      projects.map((p) => p.id),
    );
    const assessed = projects.map((p) => ({
      id: p.id,
      a: assessProject(criteriaInput(p), settings, statuses.get(p.id) ?? []),
    }));
    await this.projectsRepo.setAssessments(
      scope,
      assessed.map(({ id, a }) => ({ id, recommendation: a.recommendation, criteria: a.applying })),
    );
    return this.repo.snapshotMany(
      scope,
      assessed.map(({ id, a: { readiness: r } }) => ({
        projectId: id,
        done: r.done,
        applicable: r.applicable,
        threshold: r.threshold,
        ready: r.ready,
      })),
    );
  }

  async capabilities(orgId: OrgId, includeRetired: boolean): Promise<CapabilityDto[]> {
    return (await this.db.run(orgId, (scope) => this.repo.template(scope, includeRetired))).map(
      capabilityView,
    );
  }

  /** A new capability joins the template and every project that is not over yet (documented in docs/adr). */
  createCapability(ctx: OrgContext, dto: CreateCapabilityDto): Promise<CapabilityDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      if (await this.repo.findCapability(scope, dto.key))
        throw new ConflictException(`A capability ${dto.key} already exists`);
      if ((await this.repo.template(scope, true)).length >= MAX_CAPABILITIES) {
        throw new UnprocessableEntityException(
          `A checklist template holds at most ${MAX_CAPABILITIES} capabilities, retired ones included; rename or restore a retired one instead`,
        );
      }
      const c = await this.repo.createCapability(scope, { ...dto, description: dto.description ?? '' });
      const added = await this.repo.addToOpenProjects(scope, c.key);
      await this.snapshotOpen(scope);
      await this.audit.record(scope, ctx.actor, {
        action: 'capability.created',
        entityType: 'capability',
        entityId: c.key,
        after: { ...capabilityView(c), addedToProjects: added },
      });
      return capabilityView(c);
    });
  }

  updateCapability(ctx: OrgContext, key: string, dto: UpdateCapabilityDto): Promise<CapabilityDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      const before = await this.repo.findCapability(scope, key);
      if (!before) throw new NotFoundException('Capability not found');
      if (dto.retired && ALWAYS_REQUIRED.includes(key)) {
        throw new UnprocessableEntityException(`${key} is always required and cannot be retired`);
      }
      const retiredAt =
        dto.retired === undefined ? undefined : dto.retired ? (before.retiredAt ?? new Date()) : null;
      const after = await this.repo.updateCapability(scope, key, {
        name: dto.name,
        group: dto.group,
        description: dto.description,
        retiredAt,
      });
      if (before.retiredAt && !after.retiredAt) await this.repo.addToOpenProjects(scope, key);
      if (!before.retiredAt !== !after.retiredAt) await this.snapshotOpen(scope);
      await this.audit.record(scope, ctx.actor, {
        action: 'capability.updated',
        entityType: 'capability',
        entityId: key,
        before: capabilityView(before),
        after: capabilityView(after),
      });
      return capabilityView(after);
    });
  }
}

import { DEFAULT_CAPABILITIES, type ItemStatus } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import type { Capability, Evidence, ChecklistItem as ItemRow } from '../generated/prisma/client.js';

/** `status` is a text column whose CHECK constraint holds exactly the domain's statuses. */
export type ChecklistItem = Omit<ItemRow, 'status'> & { status: ItemStatus };
export type ItemWithDetail = ChecklistItem & {
  capability: Capability;
  evidence: (Evidence & { addedByName: string | null })[];
  assigneeName: string | null;
};

@Injectable()
export class ChecklistRepository {
  /** The 17 seed capabilities, created with every organisation. */
  async createDefaultTemplate(scope: TenantScope): Promise<void> {
    await scope.tx.capability.createMany({
      data: DEFAULT_CAPABILITIES.map((c, i) => ({
        ...c,
        orgId: scope.orgId,
        builtIn: true,
        position: i + 1,
        bit: i,
      })),
    });
  }

  template(scope: TenantScope, includeRetired: boolean): Promise<Capability[]> {
    return scope.tx.capability.findMany({
      where: { orgId: scope.orgId, ...(includeRetired ? {} : { retiredAt: null }) },
      orderBy: { position: 'asc' },
    });
  }

  findCapability(scope: TenantScope, key: string): Promise<Capability | null> {
    return scope.tx.capability.findUnique({ where: { orgId_key: { orgId: scope.orgId, key } } });
  }

  async createCapability(
    scope: TenantScope,
    data: { key: string; name: string; group: string; description: string },
  ): Promise<Capability> {
    const last = await scope.tx.capability.aggregate({
      where: { orgId: scope.orgId },
      _max: { position: true, bit: true },
    });
    return scope.tx.capability.create({
      data: {
        ...data,
        orgId: scope.orgId,
        builtIn: false,
        position: (last._max.position ?? 0) + 1,
        bit: (last._max.bit ?? -1) + 1,
      },
    });
  }

  updateCapability(
    scope: TenantScope,
    key: string,
    data: Partial<Pick<Capability, 'name' | 'group' | 'description' | 'retiredAt'>>,
  ) {
    return scope.tx.capability.update({ where: { orgId_key: { orgId: scope.orgId, key } }, data });
  }

  /** Gives every project that is not over yet an item for a capability (set-based). */
  async addToOpenProjects(scope: TenantScope, key: string): Promise<number> {
    return scope.tx.$executeRaw`
      INSERT INTO checklist_items (org_id, project_id, capability_key, updated_at)
      SELECT p.org_id, p.id, ${key}, now() FROM projects p
      WHERE p.org_id = ${scope.orgId}::uuid AND p.stage NOT IN ('RETIRED', 'CANCELLED')
      ON CONFLICT DO NOTHING`;
  }

  /** A new project's items: one per active capability. */
  async createItems(scope: TenantScope, projectId: string): Promise<void> {
    await scope.tx.$executeRaw`
      INSERT INTO checklist_items (org_id, project_id, capability_key, updated_at)
      SELECT c.org_id, ${projectId}::uuid, c.key, now() FROM capabilities c
      WHERE c.org_id = ${scope.orgId}::uuid AND c.retired_at IS NULL`;
  }

  /** Statuses of the active items of some projects, in one query, grouped by project. */
  async statuses(
    scope: TenantScope,
    projectIds: string[],
  ): Promise<Map<string, { key: string; status: ItemStatus }[]>> {
    const byProject = new Map<string, { key: string; status: ItemStatus }[]>(
      projectIds.map((id) => [id, []]),
    );
    if (!projectIds.length) return byProject;
    const rows = await scope.tx.$queryRaw<{ projectId: string; key: string; status: ItemStatus }[]>`
      SELECT i.project_id::text AS "projectId", i.capability_key AS "key", i.status AS "status"
      FROM checklist_items i JOIN capabilities c ON c.org_id = i.org_id AND c.key = i.capability_key
      WHERE i.org_id = ${scope.orgId}::uuid AND i.project_id = ANY(${projectIds}::uuid[]) AND c.retired_at IS NULL`;
    for (const r of rows) byProject.get(r.projectId)?.push({ key: r.key, status: r.status });
    return byProject;
  }

  /** One project's whole checklist with evidence and names, in three queries whatever its size. */
  async items(scope: TenantScope, projectId: string): Promise<ItemWithDetail[]> {
    const where = { orgId: scope.orgId, projectId, capability: { retiredAt: null } };
    const items = await scope.tx.checklistItem.findMany({
      where,
      include: { capability: true },
      orderBy: { capability: { position: 'asc' } },
    });
    const evidence = await scope.tx.evidence.findMany({
      where: { orgId: scope.orgId, projectId },
      orderBy: { createdAt: 'asc' },
    });
    const userIds = [
      ...new Set([...items.map((i) => i.assigneeId), ...evidence.map((e) => e.addedById)]),
    ].filter((id): id is string => !!id);
    const users = userIds.length
      ? await scope.tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })
      : [];
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    return items.map((i) => ({
      ...(i as ChecklistItem & { capability: Capability }),
      assigneeName: i.assigneeId ? (nameOf.get(i.assigneeId) ?? null) : null,
      evidence: evidence
        .filter((e) => e.capabilityKey === i.capabilityKey)
        .map((e) => ({ ...e, addedByName: e.addedById ? (nameOf.get(e.addedById) ?? null) : null })),
    }));
  }

  async findItem(scope: TenantScope, projectId: string, key: string): Promise<ChecklistItem | null> {
    return (await scope.tx.checklistItem.findUnique({
      where: { orgId_projectId_capabilityKey: { orgId: scope.orgId, projectId, capabilityKey: key } },
    })) as ChecklistItem | null;
  }

  async updateItem(
    scope: TenantScope,
    projectId: string,
    key: string,
    data: Partial<Pick<ChecklistItem, 'status' | 'assigneeId' | 'dueDate' | 'notes' | 'naJustification'>>,
  ): Promise<ChecklistItem> {
    return (await scope.tx.checklistItem.update({
      where: { orgId_projectId_capabilityKey: { orgId: scope.orgId, projectId, capabilityKey: key } },
      data,
    })) as ChecklistItem;
  }

  async recordChanges(
    scope: TenantScope,
    changes: {
      projectId: string;
      capabilityKey: string;
      actorId: string;
      field: string;
      fromValue: string | null;
      toValue: string | null;
    }[],
  ): Promise<void> {
    if (changes.length)
      await scope.tx.checklistChange.createMany({ data: changes.map((c) => ({ ...c, orgId: scope.orgId })) });
  }

  history(scope: TenantScope, projectId: string, key: string) {
    return scope.tx.checklistChange.findMany({
      where: { orgId: scope.orgId, projectId, capabilityKey: key },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: 200,
    });
  }

  addEvidence(
    scope: TenantScope,
    data: { projectId: string; capabilityKey: string; url: string; title: string; addedById: string },
  ): Promise<Evidence> {
    return scope.tx.evidence.create({ data: { ...data, orgId: scope.orgId } });
  }

  /** Records readiness now; notes when the score rose above the previous snapshot (READINESS_FLAT). */
  async snapshot(
    scope: TenantScope,
    projectId: string,
    r: { done: number; applicable: number; threshold: number; ready: boolean },
  ): Promise<void> {
    await this.snapshotMany(scope, [{ projectId, ...r }]);
  }

  async snapshotMany(
    scope: TenantScope,
    rows: { projectId: string; done: number; applicable: number; threshold: number; ready: boolean }[],
  ): Promise<number> {
    if (!rows.length) return 0;
    await scope.tx.$executeRaw`
      UPDATE projects p SET readiness_rose_at = now()
      FROM unnest(${rows.map((r) => r.projectId)}::uuid[], ${rows.map((r) => r.done)}::int[],
                  ${rows.map((r) => r.applicable)}::int[]) AS v(id, done, applicable)
      LEFT JOIN LATERAL (
        SELECT s.done::float8 / nullif(s.applicable, 0) AS score FROM readiness_snapshots s
        WHERE s.org_id = ${scope.orgId}::uuid AND s.project_id = v.id ORDER BY s.at DESC LIMIT 1
      ) last ON true
      WHERE p.org_id = ${scope.orgId}::uuid AND p.id = v.id
        AND v.done::float8 / nullif(v.applicable, 0) > coalesce(last.score, -1)`;
    const at = new Date();
    const { count } = await scope.tx.readinessSnapshot.createMany({
      data: rows.map((r) => ({
        orgId: scope.orgId,
        projectId: r.projectId,
        at,
        done: r.done,
        applicable: r.applicable,
        threshold: r.threshold,
        ready: r.ready,
      })),
      skipDuplicates: true,
    });
    return count;
  }

  snapshots(scope: TenantScope, projectId: string, since: Date) {
    return scope.tx.readinessSnapshot.findMany({
      where: { orgId: scope.orgId, projectId, at: { gte: since } },
      orderBy: { at: 'asc' },
    });
  }
}

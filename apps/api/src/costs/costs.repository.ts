import type { CostCategory, CostLine, SpendStage } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import type { CostEntry as EntryRow, Prisma } from '../generated/prisma/client.js';
import type { Project } from '../projects/projects.repository.js';

/** Category and stage are text columns whose CHECK constraints hold exactly the domain's values. */
export type CostEntry = Omit<EntryRow, 'category' | 'stage'> & { category: CostCategory; stage: SpendStage };

export interface SpendFacts {
  byStage: Partial<Record<SpendStage, number>>;
  last90Days: number;
}

@Injectable()
export class CostsRepository {
  async entries(scope: TenantScope, projectId: string): Promise<CostEntry[]> {
    return (await scope.tx.costEntry.findMany({
      where: { orgId: scope.orgId, projectId },
      orderBy: [{ date: 'desc' }, { id: 'desc' }],
    })) as CostEntry[];
  }

  async findEntry(scope: TenantScope, projectId: string, id: string): Promise<CostEntry | null> {
    return (await scope.tx.costEntry.findFirst({
      where: { orgId: scope.orgId, projectId, id },
    })) as CostEntry | null;
  }

  async createEntry(
    scope: TenantScope,
    data: Omit<Prisma.CostEntryUncheckedCreateInput, 'orgId'>,
  ): Promise<CostEntry> {
    return (await scope.tx.costEntry.create({ data: { ...data, orgId: scope.orgId } })) as CostEntry;
  }

  async updateEntry(
    scope: TenantScope,
    id: string,
    data: Prisma.CostEntryUncheckedUpdateInput,
  ): Promise<CostEntry> {
    return (await scope.tx.costEntry.update({
      where: { orgId_id: { orgId: scope.orgId, id } },
      data,
    })) as CostEntry;
  }

  async deleteEntry(scope: TenantScope, id: string): Promise<void> {
    await scope.tx.costEntry.delete({ where: { orgId_id: { orgId: scope.orgId, id } } });
  }

  async replaceEstimates(
    scope: TenantScope,
    projectId: string,
    lines: { line: CostLine; low: number; high: number }[],
  ): Promise<void> {
    await scope.tx.costEstimate.deleteMany({ where: { orgId: scope.orgId, projectId } });
    if (lines.length) {
      await scope.tx.costEstimate.createMany({
        data: lines.map((l) => ({
          orgId: scope.orgId,
          projectId,
          line: l.line,
          low: BigInt(l.low),
          high: BigInt(l.high),
        })),
      });
    }
  }

  /** Spend per stage and over the last 90 days, for many projects in one query. */
  async spend(scope: TenantScope, projectIds: string[], now: Date): Promise<Map<string, SpendFacts>> {
    const out = new Map<string, SpendFacts>(projectIds.map((id) => [id, { byStage: {}, last90Days: 0 }]));
    if (!projectIds.length) return out;
    const since = new Date(now.getTime() - 90 * 86_400_000);
    const rows = await scope.tx.$queryRaw<
      { projectId: string; stage: SpendStage; total: bigint; recent: bigint }[]
    >`
      SELECT project_id::text AS "projectId", stage, sum(amount) AS total,
             coalesce(sum(amount) FILTER (WHERE date >= ${since}::date), 0) AS recent
      FROM cost_entries
      WHERE org_id = ${scope.orgId}::uuid AND project_id = ANY(${projectIds}::uuid[])
      GROUP BY project_id, stage`;
    for (const r of rows) {
      const f = out.get(r.projectId);
      if (!f) continue;
      f.byStage[r.stage] = Number(r.total);
      f.last90Days += Number(r.recent);
    }
    return out;
  }

  /** Actuals per project and calendar month (UTC), for many projects in one query. */
  async monthly(
    scope: TenantScope,
    projectIds: string[],
    period: { from?: Date; to?: Date },
  ): Promise<Map<string, Map<string, number>>> {
    const out = new Map<string, Map<string, number>>(projectIds.map((id) => [id, new Map()]));
    if (!projectIds.length) return out;
    const rows = await scope.tx.$queryRaw<{ projectId: string; month: string; total: bigint }[]>`
      SELECT project_id::text AS "projectId", to_char(date, 'YYYY-MM') AS month, sum(amount) AS total
      FROM cost_entries
      WHERE org_id = ${scope.orgId}::uuid AND project_id = ANY(${projectIds}::uuid[])
        AND (${period.from ?? null}::date IS NULL OR date >= ${period.from ?? null}::date)
        AND (${period.to ?? null}::date IS NULL OR date <= ${period.to ?? null}::date)
      GROUP BY 1, 2`;
    for (const r of rows) out.get(r.projectId)?.set(r.month, Number(r.total));
    return out;
  }

  /** The first and last month with spend among the exported projects. */
  async monthRange(
    scope: TenantScope,
    filter: ExportFilter,
  ): Promise<{ first: string | null; last: string | null }> {
    const [row] = await scope.tx.$queryRaw<{ first: string | null; last: string | null }[]>`
      SELECT to_char(min(c.date), 'YYYY-MM') AS first, to_char(max(c.date), 'YYYY-MM') AS last
      FROM cost_entries c JOIN projects p ON p.org_id = c.org_id AND p.id = c.project_id
      WHERE c.org_id = ${scope.orgId}::uuid AND p.archived_at IS NULL
        AND (${filter.stages ?? null}::text[] IS NULL OR p.stage = ANY(${filter.stages ?? null}::text[]))
        AND (${filter.businessUnit ?? null}::text IS NULL OR p.business_unit = ${filter.businessUnit ?? null})
        AND (${filter.from ?? null}::date IS NULL OR c.date >= ${filter.from ?? null}::date)
        AND (${filter.to ?? null}::date IS NULL OR c.date <= ${filter.to ?? null}::date)`;
    return row ?? { first: null, last: null };
  }

  /** Projects of an export, a page at a time in id order (keyset), with their owners. */
  async exportPage(
    scope: TenantScope,
    filter: ExportFilter,
    afterId: string | null,
    limit: number,
  ): Promise<ExportProject[]> {
    return (await scope.tx.project.findMany({
      where: {
        orgId: scope.orgId,
        archivedAt: null,
        ...(filter.stages?.length ? { stage: { in: filter.stages } } : {}),
        ...(filter.businessUnit ? { businessUnit: filter.businessUnit } : {}),
        ...(afterId ? { id: { gt: afterId } } : {}),
      },
      include: { owner: { select: { name: true } } },
      orderBy: { id: 'asc' },
      take: limit,
    })) as ExportProject[];
  }

  /** Team estimates of many projects in one query. */
  async estimatesOf(scope: TenantScope, projectIds: string[]): Promise<Map<string, Estimates>> {
    const out = new Map<string, Estimates>(projectIds.map((id) => [id, {}]));
    const rows = await scope.tx.costEstimate.findMany({
      where: { orgId: scope.orgId, projectId: { in: projectIds } },
    });
    for (const r of rows) {
      const e = out.get(r.projectId);
      if (e) e[r.line as CostLine] = { low: Number(r.low), high: Number(r.high) };
    }
    return out;
  }

  /** When each project entered its current stage, for many projects in one query. */
  async stageStarts(scope: TenantScope, projectIds: string[]): Promise<Map<string, Date>> {
    const rows = await scope.tx.projectTransition.groupBy({
      by: ['projectId'],
      where: { orgId: scope.orgId, projectId: { in: projectIds } },
      _max: { at: true },
    });
    return new Map(rows.flatMap((r) => (r._max.at ? [[r.projectId, r._max.at] as const] : [])));
  }
}

export interface ExportFilter {
  stages?: string[];
  businessUnit?: string;
  from?: Date;
  to?: Date;
}

export type Estimates = Partial<Record<CostLine, { low: number; high: number }>>;
export type ExportProject = Project & { owner: { name: string } };

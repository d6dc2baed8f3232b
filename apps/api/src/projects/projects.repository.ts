import type { Recommendation, RiskClass, Stage } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import {
  Prisma,
  type Project as ProjectRow,
  type ProjectTransition as TransitionRow,
} from '../generated/prisma/client.js';

// Codes are text columns with CHECK constraints holding exactly the domain's values (see the
// migration), so the repository hands them out with their domain types.
export type Project = Omit<ProjectRow, 'stage' | 'riskClass' | 'recommendation'> & {
  stage: Stage;
  riskClass: RiskClass;
  recommendation: Recommendation;
};
export type ProjectTransition = Omit<TransitionRow, 'fromStage' | 'toStage'> & {
  fromStage: Stage | null;
  toStage: Stage;
};
export type ProjectWithOwner = Project & { owner: { name: string; email: string } };

export interface ProjectFilter {
  stages?: Stage[];
  ownerId?: string;
  businessUnit?: string;
  riskClass?: RiskClass;
  recommendation?: Recommendation;
  q?: string;
  archived: boolean;
}

export type SortField = 'name' | 'createdAt' | 'updatedAt';
export interface ListQuery {
  filter: ProjectFilter;
  sort: SortField;
  desc: boolean;
  after?: { value: string; id: string };
  limit: number;
}

export interface ListRow {
  id: string;
  name: string;
  businessUnit: string;
  ownerId: string;
  ownerName: string;
  stage: Stage;
  riskClass: RiskClass;
  recommendation: Recommendation;
  tags: string[];
  expectedAnnualValue: bigint | null;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
  stageEnteredAt: Date | null;
  revenueAtRisk: bigint | null;
  regulatedDecisions: boolean;
  personalData: boolean;
  uptimeSlaBp: number | null;
  retentionYears: number | null;
  silentDegradation: boolean;
  dependentTeams: number | null;
}

const SORT_COLUMNS: Record<SortField, string> = {
  name: 'name',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
const column = (alias: string, sort: SortField) => Prisma.raw(`${alias}.${SORT_COLUMNS[sort]}`);

/** Words of a search box as a prefix query: "fraud det" matches "Fraud detection". */
export function toTsQuery(q: string): string | null {
  const words = q.toLowerCase().match(/[\p{L}\p{N}]+/gu);
  return words?.length ? words.map((w) => `${w}:*`).join(' & ') : null;
}

@Injectable()
export class ProjectsRepository {
  async create(
    scope: TenantScope,
    data: Omit<Prisma.ProjectUncheckedCreateInput, 'orgId'>,
  ): Promise<Project> {
    return (await scope.tx.project.create({ data: { ...data, orgId: scope.orgId } })) as Project;
  }

  async find(scope: TenantScope, id: string): Promise<ProjectWithOwner | null> {
    return (await scope.tx.project.findUnique({
      where: { orgId_id: { orgId: scope.orgId, id } },
      include: { owner: { select: { name: true, email: true } } },
    })) as ProjectWithOwner | null;
  }

  /** Locks the project row until commit: stage moves and checklist edits of one project serialise. */
  async lock(scope: TenantScope, id: string): Promise<void> {
    await scope.tx
      .$queryRaw`SELECT 1 FROM projects WHERE org_id = ${scope.orgId}::uuid AND id = ${id}::uuid FOR UPDATE`;
  }

  async update(scope: TenantScope, id: string, data: Prisma.ProjectUncheckedUpdateInput): Promise<Project> {
    return (await scope.tx.project.update({
      where: { orgId_id: { orgId: scope.orgId, id } },
      data,
    })) as Project;
  }

  /** Marks a change without altering fields (for "no activity" tracking through updated_at). */
  async touch(scope: TenantScope, id: string): Promise<void> {
    await scope.tx
      .$executeRaw`UPDATE projects SET updated_at = now() WHERE org_id = ${scope.orgId}::uuid AND id = ${id}::uuid`;
  }

  async list(scope: TenantScope, q: ListQuery): Promise<ListRow[]> {
    const col = column('p', q.sort);
    const dir = q.desc ? Prisma.sql`DESC` : Prisma.sql`ASC`;
    const after = q.after
      ? q.desc
        ? Prisma.sql`AND (${col}, p.id) < (${this.cursorValue(q.sort, q.after.value)}, ${q.after.id}::uuid)`
        : Prisma.sql`AND (${col}, p.id) > (${this.cursorValue(q.sort, q.after.value)}, ${q.after.id}::uuid)`
      : Prisma.empty;
    return scope.tx.$queryRaw<ListRow[]>`
      WITH page AS (
        SELECT p.id, p.name, p.business_unit, p.owner_id, p.stage, p.risk_class, p.recommendation, p.tags,
               p.expected_annual_value, p.created_at, p.updated_at, p.archived_at, p.revenue_at_risk,
               p.regulated_decisions, p.personal_data, p.uptime_sla_bp, p.retention_years, p.silent_degradation,
               p.dependent_teams, p.stage_entered_at
        FROM projects p
        WHERE ${this.where(scope, q.filter)} ${after}
        ORDER BY ${col} ${dir}, p.id ${dir}
        LIMIT ${q.limit}
      )
      SELECT page.id::text AS "id", page.name AS "name", page.business_unit AS "businessUnit",
             page.owner_id::text AS "ownerId", u.name AS "ownerName", page.stage AS "stage",
             page.risk_class AS "riskClass", page.recommendation AS "recommendation",
             page.tags AS "tags", page.expected_annual_value AS "expectedAnnualValue",
             page.created_at AS "createdAt", page.updated_at AS "updatedAt", page.archived_at AS "archivedAt",
             page.revenue_at_risk AS "revenueAtRisk", page.regulated_decisions AS "regulatedDecisions",
             page.personal_data AS "personalData", page.uptime_sla_bp AS "uptimeSlaBp",
             page.retention_years AS "retentionYears", page.silent_degradation AS "silentDegradation",
             page.dependent_teams AS "dependentTeams", page.stage_entered_at AS "stageEnteredAt"
      FROM page JOIN users u ON u.id = page.owner_id
      ORDER BY ${column('page', q.sort)} ${dir}, page.id ${dir}`;
  }

  async count(scope: TenantScope, filter: ProjectFilter): Promise<number> {
    const [row] = await scope.tx.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM projects p WHERE ${this.where(scope, filter)}`;
    return Number(row?.n ?? 0);
  }

  /** The query plan of a list query, for the performance test and docs. */
  explain(scope: TenantScope, filter: ProjectFilter, sort: SortField): Promise<{ 'QUERY PLAN': string }[]> {
    return scope.tx.$queryRaw`
      EXPLAIN SELECT p.id FROM projects p WHERE ${this.where(scope, filter)}
      ORDER BY ${column('p', sort)}, p.id LIMIT 50`;
  }

  private where(scope: TenantScope, f: ProjectFilter): Prisma.Sql {
    const parts: Prisma.Sql[] = [Prisma.sql`p.org_id = ${scope.orgId}::uuid`];
    parts.push(f.archived ? Prisma.sql`p.archived_at IS NOT NULL` : Prisma.sql`p.archived_at IS NULL`);
    if (f.stages?.length) parts.push(Prisma.sql`p.stage IN (${Prisma.join(f.stages)})`);
    if (f.ownerId) parts.push(Prisma.sql`p.owner_id = ${f.ownerId}::uuid`);
    if (f.businessUnit) parts.push(Prisma.sql`p.business_unit = ${f.businessUnit}`);
    if (f.riskClass) parts.push(Prisma.sql`p.risk_class = ${f.riskClass}`);
    if (f.recommendation) parts.push(Prisma.sql`p.recommendation = ${f.recommendation}`);
    const ts = f.q ? toTsQuery(f.q) : null;
    if (ts) {
      // Through the search function, so the GIN index serves it (see the migration).
      parts.push(Prisma.sql`p.id IN (SELECT project_search(to_tsquery('simple', ${ts})))`);
    }
    return Prisma.join(parts, ' AND ');
  }

  private cursorValue(sort: SortField, value: string): Prisma.Sql {
    return sort === 'name' ? Prisma.sql`${value}` : Prisma.sql`${value}::timestamptz`;
  }

  async addTransition(
    scope: TenantScope,
    data: {
      projectId: string;
      fromStage: Stage | null;
      toStage: Stage;
      actorId: string;
      reason: string | null;
      override: boolean;
    },
  ): Promise<void> {
    await scope.tx.projectTransition.create({ data: { ...data, orgId: scope.orgId } });
  }

  transitions(
    scope: TenantScope,
    projectId: string,
  ): Promise<(ProjectTransition & { actorName: string | null })[]> {
    return scope.tx.$queryRaw`
      SELECT t.id::text AS "id", t.from_stage AS "fromStage", t.to_stage AS "toStage", t.at AS "at",
             t.actor_id::text AS "actorId", t.reason AS "reason", t.override AS "override", u.name AS "actorName"
      FROM project_transitions t LEFT JOIN users u ON u.id = t.actor_id
      WHERE t.org_id = ${scope.orgId}::uuid AND t.project_id = ${projectId}::uuid
      ORDER BY t.at, t.id`;
  }

  async stageEnteredAt(scope: TenantScope, projectId: string): Promise<Date | null> {
    const last = await scope.tx.projectTransition.findFirst({
      where: { orgId: scope.orgId, projectId },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      select: { at: true },
    });
    return last?.at ?? null;
  }

  /** A page of projects still under way, in id order (keyset); or just one of them. */
  async openPage(
    scope: TenantScope,
    afterId: string | null,
    limit: number,
    onlyId?: string,
  ): Promise<Project[]> {
    return (await scope.tx.project.findMany({
      where: {
        orgId: scope.orgId,
        archivedAt: null,
        stage: { notIn: ['RETIRED', 'CANCELLED'] },
        ...(onlyId ? { id: onlyId } : afterId ? { id: { gt: afterId } } : {}),
      },
      orderBy: { id: 'asc' },
      take: limit,
    })) as Project[];
  }

  /** Projects still under way (not archived, not in a final stage). */
  async open(scope: TenantScope): Promise<Project[]> {
    return (await scope.tx.project.findMany({
      where: { orgId: scope.orgId, archivedAt: null, stage: { notIn: ['RETIRED', 'CANCELLED'] } },
    })) as Project[];
  }

  /** Every live project's decision-guide inputs, for recomputing recommendations after a settings change. */
  async criteriaOfAll(scope: TenantScope): Promise<Project[]> {
    return (await scope.tx.project.findMany({ where: { orgId: scope.orgId } })) as Project[];
  }

  /** Writes many recommendations and their applying criteria in one statement. */
  async setAssessments(
    scope: TenantScope,
    rows: { id: string; recommendation: Recommendation; criteria: readonly string[] }[],
  ): Promise<void> {
    if (!rows.length) return;
    // Criteria lists travel as '|'-joined text: unnest cannot take an array of arrays of varying length.
    await scope.tx.$executeRaw`
      UPDATE projects p SET recommendation = v.rec, criteria = v.criteria
      FROM (
        SELECT id, rec, coalesce(string_to_array(nullif(c, ''), '|'), '{}') AS criteria
        FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.recommendation)}::text[],
                    ${rows.map((r) => r.criteria.join('|'))}::text[]) AS u(id, rec, c)
      ) v
      WHERE p.org_id = ${scope.orgId}::uuid AND p.id = v.id
        AND (p.recommendation, p.criteria) IS DISTINCT FROM (v.rec, v.criteria)`;
  }
}

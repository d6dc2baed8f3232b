import { assessProject, type OrgSettings } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { InvalidInputException } from '../common/errors.js';
import type { OrgContext } from '../common/request-context.js';
import { type OrgId, TenantDb } from '../db/tenant.js';
import { ChecklistService } from './checklist.service.js';
import type { SettingsDto, UpdateSettingsDto } from './dto/settings.dto.js';
import { criteriaInput } from './project-view.js';
import { ProjectsRepository } from './projects.repository.js';
import { SettingsRepository } from './settings.repository.js';

export function settingsView(s: OrgSettings): SettingsDto {
  return {
    stallDaysIdea: s.stallDays.IDEA,
    stallDaysPoc: s.stallDays.POC,
    stallDaysProductionizing: s.stallDays.PRODUCTIONIZING,
    revenueImpactThreshold: s.revenueImpactThreshold,
    uptimeSlaThresholdBp: s.uptimeSlaThresholdBp,
    retentionYearsThreshold: s.retentionYearsThreshold,
    dependentTeamsThreshold: s.dependentTeamsThreshold,
    readinessNumerator: s.readinessRatio.numerator,
    readinessDenominator: s.readinessRatio.denominator,
    currency: s.currency,
    noActivityDays: s.noActivityDays,
    readinessFlatDays: s.readinessFlatDays,
  };
}

@Injectable()
export class SettingsService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: SettingsRepository,
    private readonly projects: ProjectsRepository,
    private readonly audit: AuditService,
    private readonly checklist: ChecklistService,
  ) {}

  get(orgId: OrgId): Promise<SettingsDto> {
    return this.db.run(orgId, async (scope) => settingsView(await this.repo.get(scope)));
  }

  /** Changes thresholds and re-derives every project's recommendation in the same transaction. */
  update(ctx: OrgContext, dto: UpdateSettingsDto): Promise<SettingsDto> {
    return this.db.run(
      ctx.orgId,
      async (scope) => {
        const before = await this.repo.get(scope);
        const next: OrgSettings = {
          stallDays: {
            IDEA: dto.stallDaysIdea ?? before.stallDays.IDEA,
            POC: dto.stallDaysPoc ?? before.stallDays.POC,
            PRODUCTIONIZING: dto.stallDaysProductionizing ?? before.stallDays.PRODUCTIONIZING,
          },
          revenueImpactThreshold: dto.revenueImpactThreshold ?? before.revenueImpactThreshold,
          uptimeSlaThresholdBp: dto.uptimeSlaThresholdBp ?? before.uptimeSlaThresholdBp,
          retentionYearsThreshold: dto.retentionYearsThreshold ?? before.retentionYearsThreshold,
          dependentTeamsThreshold: dto.dependentTeamsThreshold ?? before.dependentTeamsThreshold,
          readinessRatio: {
            numerator: dto.readinessNumerator ?? before.readinessRatio.numerator,
            denominator: dto.readinessDenominator ?? before.readinessRatio.denominator,
          },
          currency: dto.currency ?? before.currency,
          noActivityDays: dto.noActivityDays ?? before.noActivityDays,
          readinessFlatDays: dto.readinessFlatDays ?? before.readinessFlatDays,
        };
        if (next.readinessRatio.numerator > next.readinessRatio.denominator) {
          throw new InvalidInputException([
            {
              field: 'readinessNumerator',
              problems: ['readinessNumerator must not exceed readinessDenominator'],
            },
          ]);
        }
        const saved = await this.repo.update(scope, next);
        const projects = await this.projects.criteriaOfAll(scope);
        await this.projects.setAssessments(
          scope,
          projects.map((p) => {
            const { recommendation, applying } = assessProject(criteriaInput(p), saved, []);
            return { id: p.id, recommendation, criteria: applying };
          }),
        );
        await this.checklist.snapshotOpen(scope); // readiness may have moved with the ratio or criteria
        const [b, a] = [settingsView(before), settingsView(saved)];
        const changed = (Object.keys(a) as (keyof SettingsDto)[]).filter((k) => a[k] !== b[k]);
        if (changed.length) {
          await this.audit.record(scope, ctx.actor, {
            action: 'settings.updated',
            entityType: 'organization',
            entityId: ctx.orgId,
            before: Object.fromEntries(changed.map((k) => [k, b[k]])),
            after: Object.fromEntries(changed.map((k) => [k, a[k]])),
          });
        }
        return a;
      },
      { timeoutMs: 60_000 },
    );
  }
}

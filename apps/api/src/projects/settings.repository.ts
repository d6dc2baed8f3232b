import type { OrgSettings } from '@gapline/domain';
import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import type { Organization } from '../generated/prisma/client.js';

export function toSettings(o: Organization): OrgSettings {
  return {
    stallDays: { IDEA: o.stallDaysIdea, POC: o.stallDaysPoc, PRODUCTIONIZING: o.stallDaysProductionizing },
    revenueImpactThreshold: Number(o.revenueImpactThreshold),
    uptimeSlaThresholdBp: o.uptimeSlaThresholdBp,
    retentionYearsThreshold: o.retentionYearsThreshold,
    dependentTeamsThreshold: o.dependentTeamsThreshold,
    readinessRatio: { numerator: o.readinessNumerator, denominator: o.readinessDenominator },
    currency: o.currency,
    noActivityDays: o.noActivityDays,
    readinessFlatDays: o.readinessFlatDays,
  };
}

@Injectable()
export class SettingsRepository {
  async get(scope: TenantScope): Promise<OrgSettings> {
    return toSettings(await scope.tx.organization.findUniqueOrThrow({ where: { id: scope.orgId } }));
  }

  /** The settings plus the scale of the seed's EUR ranges to the organisation's currency. */
  async getWithScale(scope: TenantScope): Promise<OrgSettings & { costScalePercent: number }> {
    const o = await scope.tx.organization.findUniqueOrThrow({ where: { id: scope.orgId } });
    return { ...toSettings(o), costScalePercent: o.costScalePercent };
  }

  async update(scope: TenantScope, s: OrgSettings): Promise<OrgSettings> {
    const o = await scope.tx.organization.update({
      where: { id: scope.orgId },
      data: {
        stallDaysIdea: s.stallDays.IDEA,
        stallDaysPoc: s.stallDays.POC,
        stallDaysProductionizing: s.stallDays.PRODUCTIONIZING,
        revenueImpactThreshold: BigInt(s.revenueImpactThreshold),
        uptimeSlaThresholdBp: s.uptimeSlaThresholdBp,
        retentionYearsThreshold: s.retentionYearsThreshold,
        dependentTeamsThreshold: s.dependentTeamsThreshold,
        readinessNumerator: s.readinessRatio.numerator,
        readinessDenominator: s.readinessRatio.denominator,
        currency: s.currency,
        noActivityDays: s.noActivityDays,
        readinessFlatDays: s.readinessFlatDays,
      },
    });
    return toSettings(o);
  }
}

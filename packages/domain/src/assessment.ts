import { computeReadiness, type ItemStatus, type Readiness, requiredCapabilities } from './checklist.js';
import {
  applyingCriteria,
  type CriteriaInput,
  type Criterion,
  type CriterionResult,
  evaluateCriteria,
} from './criteria.js';
import { type Band, bottomUpBand } from './projection.js';
import { type Recommendation, recommend } from './recommendation.js';
import type { OrgSettings } from './settings.js';

export interface Assessment {
  criteria: CriterionResult[];
  applying: Criterion[];
  /** Headline first-year production cost (the bottom-up band). */
  headline: Band;
  recommendation: Recommendation;
  required: string[];
  readiness: Readiness;
}

/** Everything the spec derives from a project's record: one function, used by API and dashboard alike. */
export function assessProject(
  project: CriteriaInput & { expectedAnnualValue: number | null },
  settings: OrgSettings,
  items: readonly { key: string; status: ItemStatus }[],
): Assessment {
  const criteria = evaluateCriteria(project, settings);
  const applying = applyingCriteria(criteria);
  const headline = bottomUpBand(applying).total;
  const required = requiredCapabilities(applying);
  return {
    criteria,
    applying,
    headline,
    recommendation: recommend({
      applying,
      headlineLow: headline.low,
      expectedAnnualValue: project.expectedAnnualValue,
    }),
    required,
    readiness: computeReadiness(items, required, settings.readinessRatio),
  };
}

import type { Criterion } from './criteria.js';

export const RECOMMENDATIONS = ['PRODUCTION_REQUIRED', 'POC_SUFFICIENT', 'DO_NOT_DEPLOY'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];

export const RECOMMENDATION_LABELS: Readonly<Record<Recommendation, string>> = {
  PRODUCTION_REQUIRED: 'Production required',
  POC_SUFFICIENT: 'POC sufficient',
  DO_NOT_DEPLOY: 'Do not deploy',
};

/**
 * Seed: if any criterion applies, production-grade engineering is required; if none, the POC may
 * suffice; and if even the optimistic first-year cost is 2x the expected annual value or more,
 * do not deploy (this outranks the other two).
 */
export function recommend(input: {
  applying: readonly Criterion[];
  headlineLow: number;
  expectedAnnualValue: number | null;
}): Recommendation {
  const value = input.expectedAnnualValue;
  if (value !== null && input.headlineLow >= 2 * value) return 'DO_NOT_DEPLOY';
  return input.applying.length > 0 ? 'PRODUCTION_REQUIRED' : 'POC_SUFFICIENT';
}

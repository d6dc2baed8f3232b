import type { CostCategory, CostLine } from '@gapline/domain';

export const CATEGORY_LABELS: Readonly<Record<CostCategory, string>> = {
  ML_ENGINEERING: 'ML engineering',
  DATA_ENGINEERING: 'Data engineering',
  DEVOPS: 'DevOps',
  INFRASTRUCTURE: 'Infrastructure',
  COMPLIANCE: 'Compliance',
  DATA_SCIENCE: 'Data science',
  OTHER: 'Other',
};

export const COST_LINE_LABELS: Readonly<Record<CostLine, string>> = {
  ML_ENGINEERING: 'ML engineering',
  DATA_ENGINEERING: 'Data engineering',
  DEVOPS: 'DevOps and MLOps',
  INFRASTRUCTURE: 'Infrastructure',
  COMPLIANCE: 'Compliance',
};

/** A cost multiple (post-POC spend ÷ POC cost) colour: the seed's benchmark is 10x–20x. */
export function multipleColor(multiple: number): string {
  return multiple >= 20 ? 'red' : multiple >= 10 ? 'orange' : 'teal';
}

/** Burn forecast ÷ budget colour: warn from 90%, alarm from 100%. */
export function burnColor(ratio: number): string {
  return ratio >= 1 ? 'red' : ratio >= 0.9 ? 'yellow' : 'teal';
}

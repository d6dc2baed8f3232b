import type { CapabilityGroup, ItemStatus, Recommendation, RiskClass, Stage } from '@gapline/domain';

export const STAGE_COLORS: Readonly<Record<Stage, string>> = {
  IDEA: 'gray',
  POC: 'blue',
  PRODUCTIONIZING: 'violet',
  PRODUCTION: 'teal',
  POC_SUFFICIENT: 'cyan',
  RETIRED: 'dark',
  CANCELLED: 'red',
};

export const RECOMMENDATION_COLORS: Readonly<Record<Recommendation, string>> = {
  PRODUCTION_REQUIRED: 'orange',
  POC_SUFFICIENT: 'teal',
  DO_NOT_DEPLOY: 'red',
};

/** What each recommendation means, in plain words. */
export const RECOMMENDATION_EXPLAINED: Readonly<Record<Recommendation, string>> = {
  PRODUCTION_REQUIRED:
    'At least one production criterion applies: this initiative needs production-grade engineering before it goes live.',
  POC_SUFFICIENT: 'No production criterion applies: the proof of concept may be enough to deliver the value.',
  DO_NOT_DEPLOY:
    'Even the optimistic first-year production cost is at least twice the expected annual value.',
};

export const RISK_CLASS_LABELS: Readonly<Record<RiskClass, string>> = {
  MINIMAL: 'Minimal',
  LIMITED: 'Limited',
  HIGH: 'High',
  UNACCEPTABLE: 'Unacceptable',
};

export const RISK_CLASS_HELP: Readonly<Record<RiskClass, string>> = {
  MINIMAL: 'Spam filters, recommendations, internal tooling: no specific obligations.',
  LIMITED: 'Chatbots and generated content: transparency obligations.',
  HIGH: 'Credit scoring, hiring, insurance pricing: explainability, audit trails and long retention.',
  UNACCEPTABLE: 'Prohibited practices: the initiative can never move past the proof of concept.',
};

export const ITEM_STATUS_LABELS: Readonly<Record<ItemStatus, string>> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  DONE: 'Done',
  NOT_APPLICABLE: 'N/A',
};

export const GROUP_LABELS: Readonly<Record<CapabilityGroup, string>> = {
  reproducibility: 'Reproducibility',
  delivery: 'Delivery',
  data: 'Data',
  monitoring: 'Monitoring',
  governance: 'Governance',
  operations: 'Operations',
  security: 'Security',
  cost: 'Cost',
};

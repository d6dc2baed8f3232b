import type { Role } from './roles.js';
import { can } from './roles.js';
import type { Stage } from './stages.js';

export const COST_CATEGORIES = [
  'ML_ENGINEERING',
  'DATA_ENGINEERING',
  'DEVOPS',
  'INFRASTRUCTURE',
  'COMPLIANCE',
  'DATA_SCIENCE',
  'OTHER',
] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];

/** Stages a cost entry can be booked against. */
export const SPEND_STAGES = [
  'IDEA',
  'POC',
  'PRODUCTIONIZING',
  'PRODUCTION',
] as const satisfies readonly Stage[];
export type SpendStage = (typeof SPEND_STAGES)[number];

/** Spend recorded after the POC: what the cost multiple compares with POC cost. */
export const POST_POC_STAGES: readonly SpendStage[] = ['PRODUCTIONIZING', 'PRODUCTION'];

/** Finance and admins record costs on any project; a project owner on the projects they own. */
export function canRecordCosts(role: Role, userId: string, project: { ownerId: string }): boolean {
  if (!can(role, 'costs.write')) return false;
  return role !== 'PROJECT_OWNER' || project.ownerId === userId;
}

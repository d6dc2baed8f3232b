import { isStage, RECOMMENDATIONS, type Recommendation, RISK_CLASSES, type RiskClass } from '@gapline/domain';
import { PROJECT_SORTS, type ProjectListParams, type ProjectSort } from './api/use-projects';

/**
 * The list's state lives in the address bar, so reload, back and a shared link keep it:
 * `?stage=POC,IDEA&owner=…&bu=…&risk=HIGH&rec=…&q=…&archived=1&sort=-updatedAt&cursor=…&cursor=…`.
 * `cursor` repeats: the cursors of the pages walked through, the last one being the page shown
 * (so "Previous" drops the last one).
 */
export interface ListState extends Omit<ProjectListParams, 'cursor'> {
  cursors: string[];
}

export const DEFAULT_SORT: ProjectSort = 'name';

export function readListState(params: URLSearchParams): ListState {
  const risk = params.get('risk');
  const rec = params.get('rec') ?? params.get('recommendation');
  const sort = params.get('sort');
  return {
    stage: (params.get('stage') ?? '').split(',').filter(isStage),
    ownerId: params.get('owner') || null,
    businessUnit: params.get('bu') || null,
    riskClass: RISK_CLASSES.includes(risk as RiskClass) ? (risk as RiskClass) : null,
    recommendation: RECOMMENDATIONS.includes(rec as Recommendation) ? (rec as Recommendation) : null,
    q: params.get('q') ?? '',
    archived: params.get('archived') === '1',
    sort: PROJECT_SORTS.includes(sort as ProjectSort) ? (sort as ProjectSort) : DEFAULT_SORT,
    cursors: params.getAll('cursor').filter(Boolean),
  };
}

export function writeListState(state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.stage.length > 0) params.set('stage', state.stage.join(','));
  if (state.ownerId) params.set('owner', state.ownerId);
  if (state.businessUnit) params.set('bu', state.businessUnit);
  if (state.riskClass) params.set('risk', state.riskClass);
  if (state.recommendation) params.set('rec', state.recommendation);
  if (state.q.trim()) params.set('q', state.q.trim());
  if (state.archived) params.set('archived', '1');
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  for (const cursor of state.cursors) params.append('cursor', cursor);
  return params;
}

export function toQuery(state: ListState): ProjectListParams {
  const { cursors, ...rest } = state;
  return { ...rest, q: rest.q.trim(), cursor: cursors.at(-1) ?? null };
}

/** Whether anything narrows the list (the archived toggle is a view, not a filter). */
export function isFiltered(state: ListState): boolean {
  return (
    state.stage.length > 0 ||
    state.ownerId !== null ||
    state.businessUnit !== null ||
    state.riskClass !== null ||
    state.recommendation !== null ||
    state.q.trim() !== ''
  );
}

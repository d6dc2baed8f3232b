import type { Schemas } from '@gapline/api-client';
import { RISK_CLASSES, type RiskClass } from '@gapline/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export type Portfolio = Schemas['PortfolioDto'];
export type TrendPoint = Schemas['TrendPointDto'];

/** Dashboard filters, kept in the address bar as `?bu=…&owner=…&risk=…` (the same names as the initiatives list). */
export interface PortfolioFilters {
  businessUnit: string | null;
  ownerId: string | null;
  riskClass: RiskClass | null;
}

export function readPortfolioFilters(params: URLSearchParams): PortfolioFilters {
  const risk = params.get('risk');
  return {
    businessUnit: params.get('bu') || null,
    ownerId: params.get('owner') || null,
    riskClass: RISK_CLASSES.includes(risk as RiskClass) ? (risk as RiskClass) : null,
  };
}

export function writePortfolioFilters(filters: PortfolioFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.businessUnit) params.set('bu', filters.businessUnit);
  if (filters.ownerId) params.set('owner', filters.ownerId);
  if (filters.riskClass) params.set('risk', filters.riskClass);
  return params;
}

export const portfolioKeys = {
  all: (orgId: string) => ['orgs', orgId, 'portfolio'] as const,
  summary: (orgId: string, filters: PortfolioFilters) =>
    ['orgs', orgId, 'portfolio', 'summary', filters] as const,
  trends: (orgId: string, weeks: number) => ['orgs', orgId, 'portfolio', 'trends', weeks] as const,
};

/** The portfolio summary; the previous figures stay on screen while a new filter loads. */
export function usePortfolio(orgId: string, filters: PortfolioFilters) {
  return useQuery({
    queryKey: portfolioKeys.summary(orgId, filters),
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/portfolio', {
          params: {
            path: { orgId },
            query: {
              businessUnit: filters.businessUnit ?? undefined,
              ownerId: filters.ownerId ?? undefined,
              riskClass: filters.riskClass ?? undefined,
            },
          },
        }),
      ),
  });
}

/** Weekly snapshots of the whole organisation, oldest first. */
export function usePortfolioTrends(orgId: string, weeks = 26) {
  return useQuery({
    queryKey: portfolioKeys.trends(orgId, weeks),
    staleTime: 5 * 60_000,
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/portfolio/trends', {
          params: { path: { orgId }, query: { weeks } },
        }),
      ),
  });
}

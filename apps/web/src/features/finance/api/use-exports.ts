import type { Stage } from '@gapline/domain';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { toApiError } from '../../../api/errors';
import { costKeys } from '../../costs/api/use-costs';

/** Filters of the finance export; dates are calendar days (YYYY-MM-DD), both inclusive. */
export interface ExportFilters {
  stages: Stage[];
  businessUnit: string | null;
  from: string;
  to: string;
}

export const EMPTY_EXPORT_FILTERS: ExportFilters = { stages: [], businessUnit: null, from: '', to: '' };

export type ExportFormat = 'csv' | 'xlsx';

/** Up to this many matching initiatives, the preview fetches each one's costs to total them. */
export const PREVIEW_LIMIT = 25;

/** The initiatives an export would contain (the same filters: active ones, by stage and unit). */
export function useExportProjects(orgId: string, filters: ExportFilters) {
  return useQuery({
    queryKey: ['orgs', orgId, 'projects', 'export-preview', filters.stages, filters.businessUnit],
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/projects', {
          params: {
            path: { orgId },
            query: {
              stage: filters.stages.length > 0 ? filters.stages : undefined,
              businessUnit: filters.businessUnit ?? undefined,
              sort: 'name',
              limit: PREVIEW_LIMIT,
            },
          },
        }),
      ),
  });
}

/** The costs of a few initiatives, for exact preview totals (the same cache as their Costs tab). */
export function useCostsOf(orgId: string, projectIds: string[]) {
  return useQueries({
    queries: projectIds.map((projectId) => ({
      queryKey: costKeys.costs(orgId, projectId),
      queryFn: () =>
        unwrap(
          api.GET('/api/orgs/{orgId}/projects/{projectId}/costs', {
            params: { path: { orgId, projectId } },
          }),
        ),
    })),
  });
}

/** The file name from `Content-Disposition`, e.g. `attachment; filename="gapline-costs-2026-11-25.csv"`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain?.[1]?.trim() || fallback;
}

/** Download the export (a fetch with the bearer token), saved under the server's file name. */
export function useDownloadExport(orgId: string) {
  return useMutation({
    mutationKey: ['orgs', orgId, 'exports'],
    mutationFn: async ({ format, filters }: { format: ExportFormat; filters: ExportFilters }) => {
      const query = {
        stage: filters.stages.length > 0 ? filters.stages.join(',') : undefined,
        businessUnit: filters.businessUnit ?? undefined,
        from: filters.from || undefined,
        to: filters.to || undefined,
      };
      const options = { params: { path: { orgId }, query }, parseAs: 'blob' as const };
      const { data, error, response } =
        format === 'csv'
          ? await api.GET('/api/orgs/{orgId}/exports/costs.csv', options)
          : await api.GET('/api/orgs/{orgId}/exports/costs.xlsx', options);
      if (!response.ok || !data) throw toApiError(error, response);
      const blob = data as Blob;
      const fileName = fileNameFrom(
        response.headers.get('Content-Disposition'),
        `gapline-costs-${new Date().toISOString().slice(0, 10)}.${format}`,
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return { fileName, size: blob.size };
    },
  });
}

import type { Schemas } from '@gapline/api-client';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export type AuditEvent = Schemas['AuditEventDto'];

/** Filters as chosen in the UI; dates are local calendar days (YYYY-MM-DD), both inclusive. */
export interface AuditFilters {
  entityType: string | null;
  actorId: string | null;
  fromDay: string;
  toDay: string;
}

export const EMPTY_FILTERS: AuditFilters = { entityType: null, actorId: null, fromDay: '', toDay: '' };

const PAGE_SIZE = 25;

export const auditKeys = {
  all: (orgId: string) => ['orgs', orgId, 'audit'] as const,
  list: (orgId: string, filters: AuditFilters) => ['orgs', orgId, 'audit', 'list', filters] as const,
};

function startOfDay(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function startOfNextDay(day: string): string | undefined {
  if (!day) return undefined;
  const date = new Date(`${day}T00:00:00`);
  if (Number.isNaN(date.getTime())) return undefined;
  date.setDate(date.getDate() + 1);
  return date.toISOString();
}

/** The audit trail, newest first, a page at a time ("load more" follows the cursor). */
export function useAuditEvents(orgId: string, filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(orgId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/orgs/{orgId}/audit', {
          params: {
            path: { orgId },
            query: {
              entityType: filters.entityType ?? undefined,
              actorId: filters.actorId ?? undefined,
              from: startOfDay(filters.fromDay),
              to: startOfNextDay(filters.toDay),
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

/** Re-compute the hash chain on the server. */
export function useVerifyAuditChain(orgId: string) {
  return useMutation({
    mutationKey: [...auditKeys.all(orgId), 'verify'],
    mutationFn: () => unwrap(api.GET('/api/orgs/{orgId}/audit/verify', { params: { path: { orgId } } })),
  });
}

/** Download the whole chain as NDJSON (a fetch with the bearer token, saved as a file). */
export function useExportAudit(orgId: string) {
  return useMutation({
    mutationKey: [...auditKeys.all(orgId), 'export'],
    mutationFn: async (fileName: string) => {
      const blob = await unwrap<Blob>(
        api.GET('/api/orgs/{orgId}/audit/export', { params: { path: { orgId } }, parseAs: 'blob' }),
      );
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      return blob.size;
    },
  });
}

import type { Schemas } from '@gapline/api-client';
import type { AlertRule, AlertState, Severity } from '@gapline/domain';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export type AlertItem = Schemas['AlertDto'];
export type AlertSummary = Schemas['AlertSummaryDto'];
export type AlertAction = Schemas['AlertActionDto'];

/** Filters as chosen in the UI (and kept in the address bar). */
export interface AlertFilters {
  rule: AlertRule | null;
  severity: Severity | null;
  state: AlertState | null;
  projectId: string | null;
}

export const EMPTY_ALERT_FILTERS: AlertFilters = { rule: null, severity: null, state: null, projectId: null };

const PAGE_SIZE = 25;

export const alertKeys = {
  all: (orgId: string) => ['orgs', orgId, 'alerts'] as const,
  list: (orgId: string, filters: AlertFilters) => ['orgs', orgId, 'alerts', 'list', filters] as const,
  project: (orgId: string, projectId: string) => ['orgs', orgId, 'alerts', 'project', projectId] as const,
  summary: (orgId: string) => ['orgs', orgId, 'alerts', 'summary'] as const,
};

/** Alerts, newest first, a page at a time ("load more" passes the last id as the cursor). */
export function useAlerts(orgId: string, filters: AlertFilters) {
  return useInfiniteQuery({
    queryKey: alertKeys.list(orgId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/orgs/{orgId}/alerts', {
          params: {
            path: { orgId },
            query: {
              rule: filters.rule ?? undefined,
              severity: filters.severity ?? undefined,
              state: filters.state ?? undefined,
              projectId: filters.projectId ?? undefined,
              cursor: pageParam,
              limit: PAGE_SIZE,
            },
          },
        }),
      ),
    getNextPageParam: (lastPage) => (lastPage.length < PAGE_SIZE ? undefined : lastPage.at(-1)?.id),
  });
}

/** The live alerts of one initiative (everything but resolved), for its overview. */
export function useProjectAlerts(orgId: string, projectId: string) {
  return useQuery({
    queryKey: alertKeys.project(orgId, projectId),
    queryFn: async () => {
      const alerts = await unwrap(
        api.GET('/api/orgs/{orgId}/alerts', {
          params: { path: { orgId }, query: { projectId, limit: 50 } },
        }),
      );
      return alerts.filter((a) => a.state !== 'RESOLVED');
    },
  });
}

/** Live alert counts for the navigation badge; refreshed every minute. */
export function useAlertSummary(orgId: string, enabled = true) {
  return useQuery({
    queryKey: alertKeys.summary(orgId),
    queryFn: () => unwrap(api.GET('/api/orgs/{orgId}/alerts/summary', { params: { path: { orgId } } })),
    refetchInterval: 60_000,
    enabled,
  });
}

/** Mark the alerts as seen by you (the unread count restarts). */
export function useMarkAlertsSeen(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/orgs/{orgId}/alerts/seen', { params: { path: { orgId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.summary(orgId) }),
  });
}

/** Acknowledge, snooze or resolve; every list and the badge follow. */
export function useAlertAction(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alertId, ...body }: AlertAction & { alertId: string }) =>
      unwrap(api.PATCH('/api/orgs/{orgId}/alerts/{alertId}', { params: { path: { orgId, alertId } }, body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
      return queryClient.invalidateQueries({ queryKey: alertKeys.all(orgId) });
    },
  });
}

/** Ids of the initiatives you own (a project owner acts only on their alerts). */
export function useOwnedProjectIds(orgId: string, userId: string | null) {
  return useQuery({
    queryKey: ['orgs', orgId, 'projects', 'owned-ids', userId],
    enabled: userId !== null,
    staleTime: 60_000,
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/orgs/{orgId}/projects', {
          params: { path: { orgId }, query: { ownerId: userId ?? undefined, limit: 100 } },
        }),
      );
      return new Set(page.items.map((p) => p.id));
    },
  });
}

/** Initiatives to filter by: the first 100 by name. */
export function useProjectOptions(orgId: string) {
  return useQuery({
    queryKey: ['orgs', orgId, 'projects', 'options'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/orgs/{orgId}/projects', {
          params: { path: { orgId }, query: { limit: 100, sort: 'name' } },
        }),
      );
      return page.items.map((p) => ({ value: p.id, label: p.name }));
    },
  });
}

export type NotificationSettings = Schemas['NotificationSettingsDto'];

/** What reaches the signed-in member of this organisation (their own settings only). */
export function useNotificationSettings(orgId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['orgs', orgId, 'notifications'] as const,
    queryFn: () => unwrap(api.GET('/api/orgs/{orgId}/notifications', { params: { path: { orgId } } })),
    enabled,
  });
}

export function useSaveNotificationSettings(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['NotificationSettingsInputDto']) =>
      unwrap(api.PUT('/api/orgs/{orgId}/notifications', { params: { path: { orgId } }, body })),
    onSuccess: (saved) => queryClient.setQueryData(['orgs', orgId, 'notifications'], saved),
  });
}

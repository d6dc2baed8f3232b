import {
  ALERT_RULES,
  ALERT_STATES,
  type AlertRule,
  type AlertState,
  can,
  type Severity,
} from '@gapline/domain';
import { Button, Card, EmptyState, Group, Loader, Stack, Text } from '@mantine/core';
import { IconBellCheck } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadMoreFooter } from '../../../ui/LoadMoreFooter';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useMe } from '../../orgs/api/use-me';
import { useCurrentOrg } from '../../orgs/current-org';
import {
  type AlertFilters,
  type AlertItem,
  useAlertSummary,
  useAlerts,
  useMarkAlertsSeen,
  useOwnedProjectIds,
  useProjectOptions,
} from '../api/use-alerts';
import { AlertsFiltersBar } from '../components/AlertsFiltersBar';
import { AlertsTable } from '../components/AlertsTable';

const oneOf = <T extends string>(values: readonly T[], value: string | null): T | null =>
  value !== null && (values as readonly string[]).includes(value) ? (value as T) : null;

function readFilters(params: URLSearchParams): AlertFilters {
  return {
    rule: oneOf<AlertRule>(ALERT_RULES, params.get('rule')),
    severity: oneOf<Severity>(['WARNING', 'CRITICAL'], params.get('severity')),
    state: oneOf<AlertState>(ALERT_STATES, params.get('state')),
    projectId: params.get('projectId') || null,
  };
}

function writeFilters(filters: AlertFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params;
}

export function AlertsPage() {
  const { orgId, role } = useCurrentOrg();
  const [params, setParams] = useSearchParams();
  const filters = readFilters(params);
  const alerts = useAlerts(orgId, filters);
  const summary = useAlertSummary(orgId);
  const projects = useProjectOptions(orgId);
  const me = useMe();
  const isOwner = role === 'PROJECT_OWNER';
  const owned = useOwnedProjectIds(orgId, isOwner ? (me.data?.user.id ?? null) : null);
  const markSeen = useMarkAlertsSeen(orgId);

  // Opening the page counts as seeing the alerts (the unread count restarts).
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per organisation
  useEffect(() => markSeen.mutate(), [orgId]);

  const mayManage = can(role, 'alerts.manage');
  const canAct = (a: AlertItem) => mayManage && (!isOwner || (owned.data?.has(a.projectId) ?? false));
  const items = alerts.data?.pages.flat() ?? [];
  const filtered = Object.values(filters).some((v) => v !== null);
  const s = summary.data;

  return (
    <>
      <PageHeader
        title="Alerts"
        description={
          <>
            What needs attention across the portfolio: stalled stages, budget burn, cost surprises and lost
            readiness. Gapline checks every hour and after every change to an initiative.
            {!mayManage &&
              ' Admins and the owners of an initiative can acknowledge, snooze or resolve its alerts.'}
            {isOwner && ' You can act on the alerts of the initiatives you own.'}
          </>
        }
      />
      {s && (
        <Text size="sm" mb="md" aria-live="polite" data-testid="alert-summary">
          <strong>{s.open}</strong> open ({s.critical} critical, {s.warning} warning) · {s.acknowledged}{' '}
          acknowledged · {s.snoozed} snoozed
        </Text>
      )}

      <Card withBorder radius="md" padding="md" component="section" aria-label="Alerts">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <AlertsFiltersBar
              value={filters}
              onChange={(next) => setParams(writeFilters(next), { replace: true })}
              projects={projects.data ?? []}
            />
            {alerts.isFetching && !alerts.isFetchingNextPage && !alerts.isPending && (
              <Loader size="sm" aria-label="Updating" />
            )}
          </Group>

          {alerts.isPending ? (
            <TableSkeleton rows={5} label="Loading alerts" />
          ) : alerts.isError ? (
            <ErrorState
              title="We could not load the alerts"
              error={alerts.error}
              onRetry={() => alerts.refetch()}
              retrying={alerts.isFetching}
            />
          ) : items.length === 0 ? (
            <EmptyState
              icon={<IconBellCheck aria-hidden />}
              withIndicatorBackground
              title={filtered ? 'No alerts match these filters' : 'No alerts — Gapline checks every hour'}
              description={
                filtered
                  ? 'Clear a filter to see more.'
                  : 'When an initiative stalls, overspends or loses readiness, it shows up here.'
              }
            >
              {filtered && (
                <EmptyState.Actions>
                  <Button variant="light" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          ) : (
            <>
              <AlertsTable orgId={orgId} alerts={items} canAct={canAct} />
              <LoadMoreFooter page={alerts} count={items.length} noun={['alert', 'alerts']} />
            </>
          )}
        </Stack>
      </Card>
    </>
  );
}

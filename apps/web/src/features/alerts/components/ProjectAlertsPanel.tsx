import { can } from '@gapline/domain';
import { Anchor, Box, Card, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconBellCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { formatRelative } from '../../../ui/format';
import { useMe } from '../../orgs/api/use-me';
import { useCurrentOrg } from '../../orgs/current-org';
import type { Project } from '../../projects/api/types';
import { useProjectAlerts } from '../api/use-alerts';
import { RULE_LABELS } from '../labels';
import { AlertActions } from './AlertActions';
import { AlertStateBadge, SeverityBadge } from './Badges';

/** The live alerts of one initiative, with the same actions as the alerts page. */
export function ProjectAlertsPanel({ orgId, project }: { orgId: string; project: Project }) {
  const { role } = useCurrentOrg();
  const me = useMe();
  const alerts = useProjectAlerts(orgId, project.id);
  const canAct =
    can(role, 'alerts.manage') && (role !== 'PROJECT_OWNER' || me.data?.user.id === project.owner.userId);
  const live = alerts.data ?? [];

  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="project-alerts-heading">
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={2} fz="h4" id="project-alerts-heading">
          Alerts
        </Title>
        <Anchor component={Link} to={`/orgs/${orgId}/alerts?projectId=${project.id}`} size="sm">
          History
        </Anchor>
      </Group>
      {alerts.isPending ? (
        <Skeleton height={48} />
      ) : alerts.isError ? (
        <ErrorState error={alerts.error} onRetry={() => alerts.refetch()} retrying={alerts.isFetching} />
      ) : live.length === 0 ? (
        <Group gap="xs" wrap="nowrap">
          <IconBellCheck size={18} color="var(--mantine-color-teal-6)" aria-hidden />
          <Text size="sm" c="dimmed">
            No live alerts. Gapline checks every hour and after every change.
          </Text>
        </Group>
      ) : (
        <Stack gap="sm" data-testid="project-alerts">
          {live.map((a) => (
            <Group key={a.id} justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
              <Stack gap={4} style={{ minWidth: 0 }}>
                <Group gap="xs" wrap="wrap">
                  <SeverityBadge severity={a.severity} size="sm" />
                  <Text size="sm" fw={600}>
                    {RULE_LABELS[a.rule]}
                  </Text>
                  {a.state !== 'OPEN' && <AlertStateBadge state={a.state} size="sm" />}
                </Group>
                <Text size="sm" c="dimmed">
                  {a.message}
                </Text>
                <Text size="xs" c="dimmed">
                  Opened {formatRelative(a.openedAt)} · last seen {formatRelative(a.lastSeenAt)}
                </Text>
              </Stack>
              {canAct && !project.archivedAt && (
                <Box style={{ flexShrink: 0 }}>
                  <AlertActions orgId={orgId} alert={a} />
                </Box>
              )}
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

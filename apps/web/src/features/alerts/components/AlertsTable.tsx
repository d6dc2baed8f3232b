import { Anchor, Stack, Table, Text, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../../ui/format';
import type { AlertItem } from '../api/use-alerts';
import { RULE_LABELS } from '../labels';
import { AlertActions } from './AlertActions';
import { AlertStateBadge, SeverityBadge } from './Badges';

interface AlertsTableProps {
  orgId: string;
  alerts: AlertItem[];
  /** Whether you may act on this alert (hidden otherwise; the API would refuse). */
  canAct: (alert: AlertItem) => boolean;
}

export function AlertsTable({ orgId, alerts, canAct }: AlertsTableProps) {
  const withActions = alerts.some(canAct);
  return (
    <Table.ScrollContainer minWidth={860}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="alerts-table">
        <Table.Caption className="visually-hidden">Alerts, newest first</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={110}>
              Severity
            </Table.Th>
            <Table.Th scope="col">Alert</Table.Th>
            <Table.Th scope="col">Initiative</Table.Th>
            <Table.Th scope="col">Opened</Table.Th>
            <Table.Th scope="col">Last seen</Table.Th>
            <Table.Th scope="col">State</Table.Th>
            {withActions && (
              <Table.Th scope="col">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {alerts.map((a) => (
            <Table.Tr key={a.id} data-alert-id={a.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <SeverityBadge severity={a.severity} />
              </Table.Td>
              <Table.Td maw={420}>
                <Text size="sm" fw={600}>
                  {RULE_LABELS[a.rule]}
                </Text>
                <Text size="sm" c="dimmed">
                  {a.message}
                </Text>
              </Table.Td>
              <Table.Td>
                {a.projectName ? (
                  <Anchor component={Link} to={`/orgs/${orgId}/projects/${a.projectId}`} size="sm">
                    {a.projectName}
                  </Anchor>
                ) : (
                  <Text size="sm" c="dimmed">
                    Removed initiative
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Tooltip label={formatDateTime(a.openedAt)}>
                  <Text size="sm" component="time" dateTime={a.openedAt}>
                    {formatRelative(a.openedAt)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Tooltip label={formatDateTime(a.lastSeenAt)}>
                  <Text size="sm" component="time" dateTime={a.lastSeenAt}>
                    {formatRelative(a.lastSeenAt)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <AlertStateBadge state={a.state} />
                  {a.state === 'SNOOZED' && a.snoozedUntil && (
                    <Text size="xs" c="dimmed">
                      until {formatDateTime(a.snoozedUntil)}
                    </Text>
                  )}
                  {a.state === 'RESOLVED' && a.resolvedAt && (
                    <Text size="xs" c="dimmed">
                      {formatDateTime(a.resolvedAt)}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              {withActions && (
                <Table.Td ta="right">{canAct(a) && <AlertActions orgId={orgId} alert={a} />}</Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

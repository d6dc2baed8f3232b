import {
  ActionIcon,
  Badge,
  Button,
  Collapse,
  EmptyState,
  Group,
  Skeleton,
  Stack,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChevronDown,
  IconChevronRight,
  IconPlus,
  IconRefresh,
  IconSend,
  IconTrash,
  IconWebhook,
} from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorState } from '../../../ui/ErrorState';
import { formatDateTime, formatRelative } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import {
  type Delivery,
  useDeleteWebhook,
  useDeliveries,
  useTestWebhook,
  useUpdateWebhook,
  useWebhooks,
  type Webhook,
} from '../api/use-webhooks';
import { AddWebhookModal } from './WebhookModal';

const DELIVERY_COLORS: Record<Delivery['status'], string> = {
  PENDING: 'gray',
  DELIVERED: 'teal',
  FAILED: 'red',
};
const DELIVERY_LABELS: Record<Delivery['status'], string> = {
  PENDING: 'Pending',
  DELIVERED: 'Delivered',
  FAILED: 'Failed',
};

/** Admins: where alerts are posted, each with its signed deliveries. */
export function WebhooksSettings({ orgId }: { orgId: string }) {
  const webhooks = useWebhooks(orgId);
  const [addOpened, add] = useDisclosure(false);
  const [deleting, setDeleting] = useState<Webhook | null>(null);
  const [expanded, setExpanded] = useState<string | null>(null);
  const remove = useDeleteWebhook(orgId);

  return (
    <Stack gap="md">
      <Group justify="flex-end">
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={add.open}>
          Add webhook
        </Button>
      </Group>
      {webhooks.isPending ? (
        <Stack>
          <Skeleton height={40} />
          <Skeleton height={40} />
        </Stack>
      ) : webhooks.isError ? (
        <ErrorState
          error={webhooks.error}
          onRetry={() => webhooks.refetch()}
          retrying={webhooks.isFetching}
        />
      ) : webhooks.data.length === 0 ? (
        <EmptyState
          variant="light"
          icon={<IconWebhook aria-hidden />}
          title="No webhooks yet"
          description="Add one to post alerts to Slack, Teams, PagerDuty or your own service as they open."
        />
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" data-testid="webhooks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">
                  <span className="visually-hidden">Delivery log</span>
                </Table.Th>
                <Table.Th scope="col">URL</Table.Th>
                <Table.Th scope="col">Severities</Table.Th>
                <Table.Th scope="col">Active</Table.Th>
                <Table.Th scope="col">Added</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {webhooks.data.map((w) => (
                <Fragment key={w.id}>
                  <WebhookRow
                    orgId={orgId}
                    webhook={w}
                    expanded={expanded === w.id}
                    onToggle={() => setExpanded(expanded === w.id ? null : w.id)}
                    onDelete={() => setDeleting(w)}
                  />
                  <Table.Tr>
                    <Table.Td
                      colSpan={6}
                      p={0}
                      style={{ borderBottom: expanded === w.id ? undefined : 'none' }}
                    >
                      <Collapse expanded={expanded === w.id} id={`deliveries-${w.id}`}>
                        {expanded === w.id && <DeliveryLog orgId={orgId} webhookId={w.id} />}
                      </Collapse>
                    </Table.Td>
                  </Table.Tr>
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <AddWebhookModal orgId={orgId} opened={addOpened} onClose={add.close} />
      <ConfirmModal
        opened={deleting !== null}
        title="Delete this webhook?"
        confirmLabel="Delete webhook"
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifySuccess(`Alerts are no longer posted to ${deleting.url}.`, 'Webhook deleted');
            },
            onError: (error) => {
              setDeleting(null);
              notifyError(error, 'Could not delete the webhook');
            },
          })
        }
      >
        {deleting && `Alerts will no longer be posted to ${deleting.url}, and its delivery log goes with it.`}
      </ConfirmModal>
    </Stack>
  );
}

function WebhookRow({
  orgId,
  webhook,
  expanded,
  onToggle,
  onDelete,
}: {
  orgId: string;
  webhook: Webhook;
  expanded: boolean;
  onToggle: () => void;
  onDelete: () => void;
}) {
  const update = useUpdateWebhook(orgId);
  const test = useTestWebhook(orgId);
  return (
    <Table.Tr>
      <Table.Td w={40}>
        <ActionIcon
          variant="subtle"
          color="gray"
          onClick={onToggle}
          aria-expanded={expanded}
          aria-controls={`deliveries-${webhook.id}`}
          aria-label={`${expanded ? 'Hide' : 'Show'} the delivery log of ${webhook.url}`}
        >
          {expanded ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
        </ActionIcon>
      </Table.Td>
      <Table.Td>
        <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
          {webhook.url}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {webhook.severities.map((s) => (
            <Badge key={s} size="sm" variant="light" color={s === 'CRITICAL' ? 'red' : 'yellow'}>
              {s === 'CRITICAL' ? 'Critical' : 'Warning'}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={webhook.active}
          disabled={update.isPending}
          aria-label={`${webhook.active ? 'Disable' : 'Enable'} ${webhook.url}`}
          onChange={(e) => {
            const active = e.currentTarget.checked;
            update.mutate(
              { webhookId: webhook.id, active },
              {
                onSuccess: () =>
                  notifySuccess(
                    active ? `Alerts go to ${webhook.url} again.` : `Alerts are paused for ${webhook.url}.`,
                    active ? 'Webhook enabled' : 'Webhook disabled',
                  ),
                onError: (error) => notifyError(error, 'Could not change the webhook'),
              },
            );
          }}
        />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm">{formatRelative(webhook.createdAt)}</Text>
      </Table.Td>
      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconSend size={14} aria-hidden />}
          loading={test.isPending}
          disabled={!webhook.active}
          aria-label={`Send a test event to ${webhook.url}`}
          onClick={() =>
            test.mutate(webhook.id, {
              onSuccess: () => {
                notifySuccess('A test event is queued; its delivery shows in the log.', 'Test sent');
                if (!expanded) onToggle();
              },
              onError: (error) => notifyError(error, 'Could not send a test event'),
            })
          }
        >
          Send test
        </Button>
        <Tooltip label="Delete webhook">
          <ActionIcon
            variant="subtle"
            color="red"
            ml="xs"
            aria-label={`Delete the webhook to ${webhook.url}`}
            onClick={onDelete}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      </Table.Td>
    </Table.Tr>
  );
}

function DeliveryLog({ orgId, webhookId }: { orgId: string; webhookId: string }) {
  const deliveries = useDeliveries(orgId, webhookId);
  return (
    <Stack gap="xs" p="sm" bg="var(--mantine-color-gray-0)" data-testid="delivery-log">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Delivery log (latest 100)
        </Text>
        <Button
          variant="subtle"
          size="compact-xs"
          leftSection={<IconRefresh size={14} aria-hidden />}
          loading={deliveries.isFetching}
          onClick={() => deliveries.refetch()}
        >
          Refresh
        </Button>
      </Group>
      {deliveries.isPending ? (
        <Skeleton height={60} />
      ) : deliveries.isError ? (
        <ErrorState
          error={deliveries.error}
          onRetry={() => deliveries.refetch()}
          retrying={deliveries.isFetching}
        />
      ) : deliveries.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing delivered yet. Use “Send test” to check the endpoint.
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Event</Table.Th>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col">Attempts</Table.Th>
              <Table.Th scope="col">Last response</Table.Th>
              <Table.Th scope="col">Queued</Table.Th>
              <Table.Th scope="col">Delivered</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deliveries.data.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td ff="monospace">{d.event}</Table.Td>
                <Table.Td>
                  {d.status === 'PENDING' && d.attempts > 0 ? (
                    <Badge size="sm" variant="light" color="orange">
                      Retrying
                    </Badge>
                  ) : (
                    <Badge size="sm" variant="light" color={DELIVERY_COLORS[d.status]}>
                      {DELIVERY_LABELS[d.status]}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{d.attempts}</Table.Td>
                <Table.Td maw={280}>
                  {d.lastStatus !== null && <Text size="sm">HTTP {d.lastStatus}</Text>}
                  {d.lastError && (
                    <Text size="xs" c="red" style={{ wordBreak: 'break-word' }}>
                      {d.lastError}
                    </Text>
                  )}
                  {d.lastStatus === null && !d.lastError && (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt)}</Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {d.deliveredAt ? formatDateTime(d.deliveredAt) : '—'}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}

import { ActionIcon, Badge, Code, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { formatDateTime } from '../../../ui/format';
import type { AuditEvent } from '../api/use-audit';

const ACTION_COLORS: Record<string, string> = {
  created: 'teal',
  added: 'teal',
  joined: 'teal',
  updated: 'blue',
  role_changed: 'violet',
  removed: 'red',
  revoked: 'orange',
};

/** "member.role_changed" → "Member role changed" */
export function describeAction(action: string): string {
  const text = action.replace(/[._]/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function actionColor(action: string): string {
  const verb = action.split('.').pop() ?? '';
  return ACTION_COLORS[verb] ?? 'gray';
}

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <Stack gap={4}>
      <Text size="xs" fw={600} c="dimmed" tt="uppercase">
        {label}
      </Text>
      {value === null || value === undefined ? (
        <Text size="sm" c="dimmed" fs="italic">
          Nothing
        </Text>
      ) : (
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {JSON.stringify(value, null, 2)}
        </Code>
      )}
    </Stack>
  );
}

export function AuditTable({ events }: { events: AuditEvent[] }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const toggle = (seq: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(seq)) next.delete(seq);
      else next.add(seq);
      return next;
    });

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col" w={44}>
              <span className="visually-hidden">Details</span>
            </Table.Th>
            <Table.Th scope="col">Time</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Entity</Table.Th>
            <Table.Th scope="col">Actor</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => {
            const open = expanded.has(event.seq);
            const detailsId = `audit-details-${event.seq}`;
            return (
              <Fragment key={event.seq}>
                <Table.Tr>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-expanded={open}
                      aria-controls={detailsId}
                      aria-label={`${open ? 'Hide' : 'Show'} details of event ${event.seq}`}
                      onClick={() => toggle(event.seq)}
                    >
                      {open ? (
                        <IconChevronDown size={16} aria-hidden />
                      ) : (
                        <IconChevronRight size={16} aria-hidden />
                      )}
                    </ActionIcon>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={event.at}>{formatDateTime(event.at)}</time>
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={actionColor(event.action)} tt="none">
                      {describeAction(event.action)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{event.entityType}</Text>
                    <Text size="xs" c="dimmed" ff="monospace" title={event.entityId}>
                      {event.entityId.slice(0, 8)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {event.actorLabel ?? (event.actorType === 'SYSTEM' ? 'Gapline' : 'Unknown')}
                    </Text>
                    {event.actorType !== 'USER' && (
                      <Text size="xs" c="dimmed">
                        {event.actorType === 'TOKEN' ? 'API token' : 'System'}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
                {open && (
                  <Table.Tr id={detailsId}>
                    <Table.Td colSpan={5} bg="var(--mantine-color-gray-0)" p={0}>
                      <Stack p="md" gap="md">
                        <SimpleGrid cols={{ base: 1, md: 2 }}>
                          <JsonBlock label="Before" value={event.before} />
                          <JsonBlock label="After" value={event.after} />
                        </SimpleGrid>
                        <Group gap="lg" wrap="wrap">
                          <Text size="xs" c="dimmed">
                            Event #{event.seq}
                          </Text>
                          {event.requestId && (
                            <Text size="xs" c="dimmed">
                              Request {event.requestId}
                            </Text>
                          )}
                          {event.ip && (
                            <Text size="xs" c="dimmed">
                              IP {event.ip}
                            </Text>
                          )}
                          <Text size="xs" c="dimmed" ff="monospace" title="Hash of this event in the chain">
                            Hash {event.hash.slice(0, 16)}…
                          </Text>
                        </Group>
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                )}
              </Fragment>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

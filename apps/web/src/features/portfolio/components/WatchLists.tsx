import { Anchor, Group, Stack, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatMultiple } from '../../../ui/money';
import { StageBadge } from '../../projects/components/Badges';
import type { Portfolio } from '../api/use-portfolio';
import { Panel } from './Panel';

/** Initiatives that stayed in their stage longer than the organisation allows. */
export function StalledPanel({ stalled, base }: { stalled: Portfolio['stalled']; base: string }) {
  return (
    <Panel id="stalled-heading" title="Stalled initiatives" testId="stalled">
      {stalled.length === 0 ? (
        <Text c="dimmed" size="sm">
          Nothing is stuck: every open initiative moved within its stage's time limit.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={360}>
          <Table verticalSpacing={6} highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Initiative</Table.Th>
                <Table.Th>Stage</Table.Th>
                <Table.Th ta="right">Days in stage</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stalled.map((s) => (
                <Table.Tr key={s.projectId}>
                  <Table.Td>
                    <Anchor component={Link} to={`${base}/projects/${s.projectId}`} size="sm">
                      {s.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StageBadge stage={s.stage} size="sm" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" span fw={600} c={s.daysInStage >= 2 * s.threshold ? 'red.7' : 'orange.8'}>
                      {s.daysInStage}
                    </Text>
                    <Text size="sm" span c="dimmed">
                      {' '}
                      / {s.threshold} allowed
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Panel>
  );
}

/** First-year production cost against the POC cost, highest first. */
export function CostMultiplesPanel({
  multiples,
  base,
}: {
  multiples: Portfolio['money']['costMultiples'];
  base: string;
}) {
  const top = multiples.slice(0, 5);
  return (
    <Panel id="multiples-heading" title="Highest cost multiples">
      {top.length === 0 ? (
        <Text c="dimmed" size="sm">
          No initiative has both a POC cost and a production estimate yet.
        </Text>
      ) : (
        <Stack gap="xs" component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="cost-multiples">
          {top.map((m) => (
            <Group key={m.projectId} component="li" justify="space-between" wrap="nowrap" gap="xs">
              <Anchor component={Link} to={`${base}/projects/${m.projectId}/costs`} size="sm" truncate>
                {m.name}
              </Anchor>
              <Text
                size="sm"
                fw={700}
                c={m.multiple >= 5 ? 'red.7' : m.multiple >= 3 ? 'orange.8' : undefined}
              >
                {formatMultiple(m.multiple)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      <Text size="xs" c="dimmed" mt="sm">
        Spend after the POC ÷ POC cost (its spend, or its budget while nothing is spent). The seed expects
        10x–20x.
      </Text>
    </Panel>
  );
}

import type { ItemStatus } from '@gapline/domain';
import { Anchor, Box, Group, Progress, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatRatio } from '../../../ui/money';
import { StageBadge } from '../../projects/components/Badges';
import { ITEM_STATUS_LABELS } from '../../projects/labels';
import type { Portfolio } from '../api/use-portfolio';
import classes from './CapabilityHeatmap.module.css';
import { Panel } from './Panel';

const STATUS_COLORS: Record<ItemStatus | 'NONE', string> = {
  DONE: 'var(--mantine-color-teal-6)',
  IN_PROGRESS: 'var(--mantine-color-yellow-4)',
  NOT_STARTED: 'var(--mantine-color-red-2)',
  NOT_APPLICABLE: 'var(--mantine-color-gray-2)',
  NONE: 'transparent',
};

/** A letter in each cell, so the grid still reads in black and white (print) and without colour vision. */
const STATUS_MARKS: Record<ItemStatus | 'NONE', string> = {
  DONE: '✓',
  IN_PROGRESS: '…',
  NOT_STARTED: '',
  NOT_APPLICABLE: '–',
  NONE: '',
};

const statusOf = (value: string | null | undefined): ItemStatus | 'NONE' =>
  value && value in ITEM_STATUS_LABELS ? (value as ItemStatus) : 'NONE';

/** Open initiatives × capabilities; each row opens that initiative's checklist. */
export function HeatmapPanel({
  heatmap,
  openCount,
  base,
}: {
  heatmap: Portfolio['heatmap'];
  openCount: number;
  base: string;
}) {
  const { capabilities, projects } = heatmap;
  return (
    <Panel
      id="heatmap-heading"
      title="Capability heatmap"
      testId="heatmap"
      aside={
        <Text size="sm" c="dimmed">
          {projects.length < openCount
            ? `The ${projects.length} least ready of ${openCount} initiatives`
            : `${projects.length} initiatives, least ready first`}{' '}
          (open, excluding “POC sufficient”)
        </Text>
      }
    >
      {projects.length === 0 || capabilities.length === 0 ? (
        <Text c="dimmed" size="sm">
          No open initiative matches these filters.
        </Text>
      ) : (
        <>
          <Box className={classes.scroller} tabIndex={0} aria-label="Capability heatmap, scrolls sideways">
            <table className={classes.table}>
              <thead>
                <tr>
                  <th scope="col" className={classes.corner}>
                    Initiative
                  </th>
                  {capabilities.map((c) => (
                    <th key={c.key} scope="col" className={classes.colHead} title={c.name}>
                      <span>{c.name}</span>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {projects.map((p) => (
                  <tr key={p.projectId} data-testid="heatmap-row">
                    <th scope="row" className={classes.rowHead}>
                      <Group gap={6} wrap="nowrap">
                        <Anchor
                          component={Link}
                          to={`${base}/projects/${p.projectId}/checklist`}
                          size="sm"
                          className={classes.name}
                          title={`${p.name}: open the checklist`}
                        >
                          {p.name}
                        </Anchor>
                        <StageBadge stage={p.stage} size="xs" />
                      </Group>
                    </th>
                    {capabilities.map((c, i) => {
                      const status = statusOf(p.statuses?.[i]);
                      const label = `${p.name} – ${c.name}: ${status === 'NONE' ? 'Not tracked' : ITEM_STATUS_LABELS[status]}`;
                      return (
                        <td
                          key={c.key}
                          className={classes.cell}
                          style={{ background: STATUS_COLORS[status] }}
                          title={label}
                          aria-label={label}
                        >
                          <span aria-hidden>{STATUS_MARKS[status]}</span>
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </Box>
          <Group gap="md" mt="sm" wrap="wrap" aria-label="Legend">
            {(['DONE', 'IN_PROGRESS', 'NOT_STARTED', 'NOT_APPLICABLE'] as const).map((s) => (
              <Group key={s} gap={6} wrap="nowrap">
                <span className={classes.swatch} style={{ background: STATUS_COLORS[s] }} aria-hidden>
                  {STATUS_MARKS[s]}
                </span>
                <Text size="xs">{ITEM_STATUS_LABELS[s]}</Text>
              </Group>
            ))}
          </Group>
        </>
      )}
    </Panel>
  );
}

/** The five capabilities least often done where they apply. */
export function WeakestCapabilitiesPanel({ capabilities }: { capabilities: Portfolio['capabilities'] }) {
  const weakest = [...capabilities].sort((a, b) => a.doneRate - b.doneRate).slice(0, 5);
  return (
    <Panel id="weakest-heading" title="Weakest capabilities">
      {weakest.length === 0 ? (
        <Text c="dimmed" size="sm">
          No capability applies yet.
        </Text>
      ) : (
        <Stack gap="sm" component="ol" m={0} p={0} style={{ listStyle: 'none' }} data-testid="weakest">
          {weakest.map((c) => (
            <li key={c.key}>
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Text size="sm" truncate>
                  {c.name}
                </Text>
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                  {c.done} of {c.applicable} · {formatRatio(c.doneRate)}
                </Text>
              </Group>
              <Progress
                value={c.doneRate * 100}
                color={c.doneRate < 0.25 ? 'red' : c.doneRate < 0.5 ? 'orange' : 'teal'}
                size="sm"
                mt={4}
                aria-label={`${c.name}: done in ${c.done} of ${c.applicable} initiatives`}
              />
            </li>
          ))}
        </Stack>
      )}
    </Panel>
  );
}

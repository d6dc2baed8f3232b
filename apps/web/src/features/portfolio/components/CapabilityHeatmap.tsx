import type { ItemStatus } from '@gapline/domain';
import { Anchor, Box, Button, Group, Progress, Stack, Text } from '@mantine/core';
import { useMemo, useState } from 'react';
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

/** A capability column sorts rows with the least done first: not started, in progress, done, N/A. */
const STATUS_RANK: Record<ItemStatus | 'NONE', number> = {
  NONE: 0,
  NOT_STARTED: 1,
  IN_PROGRESS: 2,
  DONE: 3,
  NOT_APPLICABLE: 4,
};

/** `null`: the API's order (least ready first); `name`; or a capability column's index. */
type SortKey = null | 'name' | number;

function useSortedRows(projects: Portfolio['heatmap']['projects']) {
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: null, desc: false });
  const rows = useMemo(() => {
    const { key, desc } = sort;
    if (key === null) return projects;
    const value = (p: (typeof projects)[number]) =>
      key === 'name' ? 0 : STATUS_RANK[statusOf(p.statuses?.[key])];
    const sorted = [...projects].sort(
      (a, b) => value(a) - value(b) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }),
    );
    return desc ? sorted.reverse() : sorted;
  }, [projects, sort]);
  const toggle = (key: SortKey) =>
    setSort((s) => (s.key === key ? { key, desc: !s.desc } : { key, desc: false }));
  const ariaSort = (key: SortKey) =>
    sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined;
  return { rows, sort, toggle, ariaSort, reset: () => setSort({ key: null, desc: false }) };
}

/** Open initiatives × capabilities, sortable by name or by any capability; each row opens its checklist. */
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
  const { rows, sort, toggle, ariaSort, reset } = useSortedRows(projects);
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
                  <th scope="col" className={classes.corner} aria-sort={ariaSort('name')}>
                    <button
                      type="button"
                      className={classes.sort}
                      data-active={sort.key === 'name' || undefined}
                      onClick={() => toggle('name')}
                      title="Sort by name"
                    >
                      Initiative
                    </button>
                  </th>
                  {capabilities.map((c, i) => (
                    <th key={c.key} scope="col" className={classes.colHead} aria-sort={ariaSort(i)}>
                      <button
                        type="button"
                        className={classes.sort}
                        data-active={sort.key === i || undefined}
                        onClick={() => toggle(i)}
                        title={`${c.name}: sort by its status`}
                      >
                        <span>{c.name}</span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
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
            {sort.key !== null && (
              <Button variant="subtle" size="compact-xs" onClick={reset} data-print="hide">
                Least ready first again
              </Button>
            )}
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

import { formatMoney } from '@gapline/domain';
import { AreaChart, type ChartReferenceAreaProps, type ChartReferenceLineProps } from '@mantine/charts';
import { EmptyState, Text } from '@mantine/core';
import { IconChartAreaLine } from '@tabler/icons-react';
import { formatDate } from '../../../ui/format';
import { formatMoneyCompact } from '../../../ui/money';
import type { Costs, Projection } from '../api/use-costs';
import { Panel } from './Panel';

/** Cumulative spend by booking date (one point per day with entries), oldest first. */
export function cumulativeSpend(entries: Costs['entries']): { date: string; day: string; spend: number }[] {
  const byDay = new Map<string, number>();
  for (const e of entries) byDay.set(e.date, (byDay.get(e.date) ?? 0) + e.amount);
  let total = 0;
  return [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([day, amount]) => {
      total += amount;
      return { day, date: formatDate(`${day}T00:00:00`), spend: total };
    });
}

/** Cumulative spend against the total budget and the projected POC + first-year production band. */
export function SpendChart({ costs, projection }: { costs: Costs; projection: Projection }) {
  const currency = costs.currency;
  const money = (minor: number) => formatMoney(minor, currency);
  const data = cumulativeSpend(costs.entries);
  const { pocBudget, productionBudget } = costs.budgets;
  const totalBudget =
    pocBudget !== null || productionBudget !== null ? (pocBudget ?? 0) + (productionBudget ?? 0) : null;
  const band = {
    low: projection.pocCost + projection.headline.low,
    high: projection.pocCost + projection.headline.high,
  };

  const referenceLines: ChartReferenceLineProps[] = [];
  if (pocBudget !== null && productionBudget !== null) {
    referenceLines.push({
      y: pocBudget,
      label: `POC budget ${money(pocBudget)}`,
      color: 'blue.6',
      strokeDasharray: '4 4',
      ifOverflow: 'extendDomain',
      labelPosition: 'insideBottomLeft',
    });
  }
  if (totalBudget !== null) {
    referenceLines.push({
      y: totalBudget,
      label: `Budget ${money(totalBudget)}`,
      color: 'red.6',
      ifOverflow: 'extendDomain',
      labelPosition: 'insideTopLeft',
    });
  }
  const referenceAreas: ChartReferenceAreaProps[] = [
    {
      y1: band.low,
      y2: band.high,
      color: 'indigo.4',
      label: 'Projected: POC + first-year production',
      labelPosition: 'insideTopRight',
      ifOverflow: 'extendDomain',
    },
  ];

  const last = data.at(-1);
  const summary = last
    ? `Cumulative spend from ${data[0]?.date} to ${last.date}, reaching ${money(last.spend)}` +
      (totalBudget !== null ? ` against a budget of ${money(totalBudget)}` : ', with no budget set') +
      `; the projected POC and first-year production cost is ${money(band.low)} – ${money(band.high)}.`
    : '';

  return (
    <Panel id="spend-chart-heading" title="Spend over time">
      {data.length === 0 ? (
        <EmptyState
          variant="light"
          icon={<IconChartAreaLine aria-hidden />}
          title="No spend recorded yet"
          description={
            costs.canEdit
              ? 'Add the first cost entry below and the cumulative spend appears here, against the budget and the projection.'
              : 'Once costs are recorded, the cumulative spend appears here against the budget and the projection.'
          }
        />
      ) : (
        <>
          <AreaChart
            h={300}
            data={data}
            dataKey="date"
            series={[{ name: 'spend', label: 'Cumulative spend', color: 'teal.6' }]}
            curveType="stepAfter"
            withDots={data.length < 40}
            gridAxis="y"
            tickLine="none"
            valueFormatter={(v) => formatMoneyCompact(v, currency)}
            referenceLines={referenceLines}
            referenceAreas={referenceAreas}
            yAxisProps={{ width: 70 }}
            role="img"
            aria-label={summary}
          />
          <Text size="xs" c="dimmed" mt="xs">
            Shaded: the projected cost up to the end of the first production year (POC cost plus the bottom-up
            band). Solid red line: POC plus approved production budget.
          </Text>
        </>
      )}
    </Panel>
  );
}

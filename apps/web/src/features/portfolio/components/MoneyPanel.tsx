import { BarChart } from '@mantine/charts';
import { Anchor, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import { formatMoneyCompact } from '../../../ui/money';
import type { Portfolio } from '../api/use-portfolio';
import { Panel } from './Panel';

/**
 * Where the money stands: spent in POCs, spent since, approved for production, and what production
 * will cost in its first year, drawn as a band from the low to the high projection.
 */
export function MoneyPanel({
  money,
  currency,
  base,
  canSeeFinance,
}: {
  money: Portfolio['money'];
  currency: string;
  base: string;
  canSeeFinance: boolean;
}) {
  const major = (minor: number) => minor / 100;
  const { low, high } = money.projectedFirstYear;
  const data = [
    { item: 'POC spend', amount: major(money.pocSpend), band: 0 },
    { item: 'Spend after POC', amount: major(money.postPocSpend), band: 0 },
    { item: 'Approved production budgets', amount: major(money.productionBudgets), band: 0 },
    { item: 'Projected first year', amount: major(low), band: major(high - low) },
  ];
  const fmt = (v: number) => formatMoneyCompact(v, currency);
  return (
    <Panel
      id="money-heading"
      title="Money: spent, approved and projected"
      testId="money"
      aside={
        canSeeFinance ? (
          <Anchor component={Link} to={`${base}/finance`} size="sm">
            Cost projections and exports
          </Anchor>
        ) : undefined
      }
    >
      <BarChart
        h={220}
        data={data}
        dataKey="item"
        type="stacked"
        orientation="vertical"
        series={[
          { name: 'amount', label: 'Amount (low end of projection)', color: 'indigo.6' },
          { name: 'band', label: 'Projection band (up to high end)', color: 'indigo.2' },
        ]}
        valueFormatter={(v) => formatMoneyCompact(v * 100, currency)}
        yAxisProps={{ width: 170 }}
        gridAxis="x"
        tickLine="none"
        withLegend
        legendProps={{ verticalAlign: 'bottom' }}
        role="img"
        aria-label={`POC spend ${fmt(money.pocSpend)}, spend after POC ${fmt(money.postPocSpend)}, approved production budgets ${fmt(money.productionBudgets)}, projected first-year production cost ${fmt(low)} to ${fmt(high)}`}
      />
      <Group gap="lg" mt="sm" wrap="wrap">
        <Text size="sm">
          Projected first year: <b data-testid="money-projected">{`${fmt(low)}–${fmt(high)}`}</b>
        </Text>
        <Text size="sm" c="dimmed">
          Seed benchmark: production costs 10x–20x the POC.
        </Text>
      </Group>
    </Panel>
  );
}

import { LineChart } from '@mantine/charts';
import { Alert, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { ErrorState } from '../../../ui/ErrorState';
import { formatMoneyCompact, formatRatio } from '../../../ui/money';
import { usePortfolioTrends } from '../api/use-portfolio';
import { Panel } from './Panel';

const weekLabel = (week: string) =>
  new Date(`${week}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });

/** The last 26 weeks of the whole organisation (the filters above do not apply here). */
export function TrendsPanel({ orgId, currency }: { orgId: string; currency: string }) {
  const trends = usePortfolioTrends(orgId);
  const points = (trends.data ?? []).map((p) => ({
    ...p,
    label: weekLabel(p.week),
    readinessPct: Math.round(p.avgReadiness * 100),
    actualsMajor: p.actuals / 100,
    projectedLowMajor: p.projectedLow / 100,
    projectedHighMajor: p.projectedHigh / 100,
  }));
  const single = points.length === 1;
  const last = points.at(-1);

  return (
    <Panel
      id="trends-heading"
      title="Trends"
      testId="trends"
      aside={
        <Text size="sm" c="dimmed">
          Whole organisation, last 26 weeks
        </Text>
      }
    >
      {trends.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Skeleton height={220} />
          <Skeleton height={220} />
        </SimpleGrid>
      ) : trends.isError ? (
        <ErrorState error={trends.error} onRetry={() => trends.refetch()} retrying={trends.isFetching} />
      ) : points.length === 0 || !last ? (
        <Text c="dimmed" size="sm">
          No history yet.
        </Text>
      ) : (
        <>
          {single && (
            <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} aria-hidden />} mb="md">
              History starts today; a point is added every day.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <div>
              <Text size="sm" fw={600} mb="xs">
                Open initiatives, alerts and readiness
              </Text>
              <LineChart
                h={220}
                data={points}
                dataKey="label"
                series={[
                  { name: 'openProjects', label: 'Open initiatives', color: 'indigo.6' },
                  { name: 'openAlerts', label: 'Open alerts', color: 'red.6' },
                  { name: 'readinessPct', label: 'Avg readiness (%)', color: 'teal.6', yAxisId: 'right' },
                ]}
                withRightYAxis
                rightYAxisProps={{ domain: [0, 100], unit: '%' }}
                yAxisProps={{ allowDecimals: false }}
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                withDots={points.length < 30}
                gridAxis="y"
                tickLine="none"
                role="img"
                aria-label={`Latest week: ${last.openProjects} open initiatives, ${last.openAlerts} open alerts, average readiness ${formatRatio(last.avgReadiness)}`}
              />
            </div>
            <div>
              <Text size="sm" fw={600} mb="xs">
                Actual spend and projected first-year production cost
              </Text>
              <LineChart
                h={220}
                data={points}
                dataKey="label"
                series={[
                  { name: 'actualsMajor', label: 'Actual spend', color: 'grape.6' },
                  {
                    name: 'projectedLowMajor',
                    label: 'Projected (low)',
                    color: 'indigo.3',
                    strokeDasharray: '5 5',
                  },
                  {
                    name: 'projectedHighMajor',
                    label: 'Projected (high)',
                    color: 'indigo.6',
                    strokeDasharray: '5 5',
                  },
                ]}
                valueFormatter={(v) => formatMoneyCompact(v * 100, currency)}
                withLegend
                legendProps={{ verticalAlign: 'bottom' }}
                withDots={points.length < 30}
                gridAxis="y"
                tickLine="none"
                yAxisProps={{ width: 70 }}
                role="img"
                aria-label={`Latest week: actual spend ${formatMoneyCompact(last.actuals, currency)}, projected first-year production cost ${formatMoneyCompact(last.projectedLow, currency)} to ${formatMoneyCompact(last.projectedHigh, currency)}`}
              />
            </div>
          </SimpleGrid>
        </>
      )}
    </Panel>
  );
}

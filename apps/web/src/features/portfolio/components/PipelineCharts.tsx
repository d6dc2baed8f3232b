import { STAGE_LABELS, STAGES } from '@gapline/domain';
import { BarChart } from '@mantine/charts';
import { Alert, Anchor, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Link } from 'react-router';
import { formatRatio } from '../../../ui/money';
import type { Portfolio } from '../api/use-portfolio';
import { Panel } from './Panel';

const pct = (part: number, whole: number) => (whole === 0 ? '—' : formatRatio(part / whole));

/** POC → Productionizing → Production: how many initiatives ever reached each step. */
export function FunnelPanel({ funnel }: { funnel: Portfolio['funnel'] }) {
  const data = [
    { step: 'Proof of concept', reached: funnel.reachedPoc },
    { step: 'Productionizing', reached: funnel.reachedProductionizing },
    { step: 'Production', reached: funnel.reachedProduction },
  ];
  return (
    <Panel id="funnel-heading" title="From POC to production">
      <BarChart
        h={180}
        data={data}
        dataKey="step"
        orientation="vertical"
        series={[{ name: 'reached', label: 'Initiatives that reached it', color: 'indigo.6' }]}
        yAxisProps={{ width: 120 }}
        xAxisProps={{ allowDecimals: false }}
        gridAxis="x"
        tickLine="none"
        withBarValueLabel
        role="img"
        aria-label={data.map((d) => `${d.step}: ${d.reached}`).join(', ')}
      />
      <Group gap="lg" mt="sm" wrap="wrap">
        <Text size="sm">
          POC → productionizing: <b>{pct(funnel.reachedProductionizing, funnel.reachedPoc)}</b>
        </Text>
        <Text size="sm">
          POC → production: <b>{funnel.conversionRate === null ? '—' : formatRatio(funnel.conversionRate)}</b>{' '}
          <Text span c="dimmed" size="sm">
            (benchmark {formatRatio(funnel.benchmarkRate)})
          </Text>
        </Text>
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {funnel.definition}
      </Text>
    </Panel>
  );
}

/** Initiatives per stage, in lifecycle order; each stage links to the filtered list. */
export function StagesPanel({
  byStage,
  base,
  filterQuery,
}: {
  byStage: Portfolio['byStage'];
  base: string;
  filterQuery: string;
}) {
  const data = STAGES.map((stage) => ({
    stage: STAGE_LABELS[stage],
    key: stage,
    count: byStage[stage] ?? 0,
  }));
  return (
    <Panel id="stages-heading" title="Initiatives by stage">
      <BarChart
        h={240}
        data={data}
        dataKey="stage"
        orientation="vertical"
        series={[{ name: 'count', label: 'Initiatives', color: 'violet.6' }]}
        xAxisProps={{ allowDecimals: false }}
        yAxisProps={{ width: 120, interval: 0 }}
        gridAxis="x"
        tickLine="none"
        withBarValueLabel
        role="img"
        aria-label={data.map((d) => `${d.stage}: ${d.count}`).join(', ')}
      />
      <Group gap="xs" mt="sm" wrap="wrap" role="group" aria-label="Open the list for a stage">
        {data
          .filter((d) => d.count > 0)
          .map((d) => (
            <Anchor
              key={d.key}
              component={Link}
              to={`${base}/projects?stage=${d.key}${filterQuery ? `&${filterQuery}` : ''}${d.key === 'RETIRED' || d.key === 'CANCELLED' ? '&archived=1' : ''}`}
              size="xs"
            >
              {d.stage} ({d.count})
            </Anchor>
          ))}
      </Group>
    </Panel>
  );
}

export function ReadinessPanel({ readiness }: { readiness: Portfolio['readiness'] }) {
  return (
    <Panel
      id="readiness-heading"
      title="Readiness of open initiatives"
      aside={
        <Text size="sm" c="dimmed">
          Average {formatRatio(readiness.average)}
        </Text>
      }
    >
      <BarChart
        h={200}
        data={readiness.buckets}
        dataKey="label"
        series={[{ name: 'count', label: 'Initiatives', color: 'teal.6' }]}
        yAxisProps={{ allowDecimals: false }}
        gridAxis="y"
        tickLine="none"
        role="img"
        aria-label={`Capabilities done: ${readiness.buckets.map((b) => `${b.label}: ${b.count}`).join(', ')}`}
      />
      <Text size="sm" mt="sm">
        <b>{readiness.ready}</b> open {readiness.ready === 1 ? 'initiative is' : 'initiatives are'}{' '}
        production-ready;{' '}
        <b>
          {readiness.productionizingReady} of {readiness.productionizing}
        </b>{' '}
        in productionizing.
      </Text>
    </Panel>
  );
}

export function RecommendationsPanel({
  recommendations,
  base,
}: {
  recommendations: Portfolio['recommendations'];
  base: string;
}) {
  const rows: { label: string; count: number; rec: string; color: string }[] = [
    {
      label: 'Need production-grade engineering',
      count: recommendations.productionRequired,
      rec: 'PRODUCTION_REQUIRED',
      color: 'orange',
    },
    {
      label: 'A POC is sufficient',
      count: recommendations.pocSufficient,
      rec: 'POC_SUFFICIENT',
      color: 'teal',
    },
    { label: 'Do not deploy', count: recommendations.doNotDeploy, rec: 'DO_NOT_DEPLOY', color: 'red' },
  ];
  const stuck = recommendations.productionRequiredStillInPoc;
  return (
    <Panel id="recommendations-heading" title="Recommendations">
      <Stack gap="xs">
        {rows.map((row) => (
          <Group key={row.rec} justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={`${base}/projects?rec=${row.rec}`} size="sm" c={`${row.color}.8`}>
              {row.label}
            </Anchor>
            <Text fw={700}>{row.count}</Text>
          </Group>
        ))}
      </Stack>
      {stuck > 0 && (
        <Alert
          mt="md"
          variant="light"
          color="orange"
          icon={<IconAlertTriangle size={18} aria-hidden />}
          data-testid="still-in-poc"
        >
          <Anchor
            component={Link}
            to={`${base}/projects?rec=PRODUCTION_REQUIRED&stage=IDEA,POC`}
            size="sm"
            fw={600}
          >
            {stuck} {stuck === 1 ? 'needs' : 'need'} production-grade engineering but{' '}
            {stuck === 1 ? 'is' : 'are'} still in POC
          </Anchor>
        </Alert>
      )}
    </Panel>
  );
}

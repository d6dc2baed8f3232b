import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconBulb,
  IconCash,
  IconInfoCircle,
  IconRocket,
  IconTargetArrow,
  IconTrendingUp,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatMoneyCompact, formatRatio } from '../../../ui/money';
import type { Portfolio } from '../api/use-portfolio';

interface TileProps {
  label: string;
  value: ReactNode;
  hint: ReactNode;
  icon: ReactNode;
  to: string;
  color?: string;
  /** Longer explanation, shown on hover and focus. */
  help?: string;
}

function KpiTile({ label, value, hint, icon, to, color = 'indigo', help }: TileProps) {
  const tile = (
    <Card
      withBorder
      radius="md"
      padding="md"
      component={Link}
      to={to}
      data-testid="kpi-tile"
      style={{ textDecoration: 'none', color: 'inherit', breakInside: 'avoid' }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
              {label}
            </Text>
            {help && <IconInfoCircle size={14} color="var(--mantine-color-dimmed)" aria-hidden />}
          </Group>
          <Text fz={26} fw={700} lh={1.2} component="div">
            {value}
          </Text>
          <Text size="xs" c="dimmed" component="div">
            {hint}
          </Text>
        </Stack>
        <ThemeIcon variant="light" color={color} size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
  return help ? (
    <Tooltip label={help} multiline w={300} withArrow openDelay={200}>
      {tile}
    </Tooltip>
  ) : (
    tile
  );
}

interface KpiTilesProps {
  portfolio: Portfolio;
  base: string;
  /** `bu=…&owner=…&risk=…`, passed on to the initiatives list. */
  filterQuery: string;
  canSeeFinance: boolean;
}

export function KpiTiles({ portfolio, base, filterQuery, canSeeFinance }: KpiTilesProps) {
  const { totals, funnel, readiness, alerts, money, currency } = portfolio;
  const projects = (query = '') => {
    const q = [query, filterQuery].filter(Boolean).join('&');
    return `${base}/projects${q ? `?${q}` : ''}`;
  };
  const finance = canSeeFinance ? `${base}/finance` : projects();
  const rate = funnel.conversionRate;
  const aboveBenchmark = rate !== null && rate >= funnel.benchmarkRate;

  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="md" mb="lg" data-testid="kpi-tiles">
      <KpiTile
        label="Open initiatives"
        value={String(totals.open)}
        hint={`${totals.projects} in total`}
        icon={<IconBulb size={20} />}
        to={projects()}
      />
      <KpiTile
        label="POC → production"
        value={rate === null ? '—' : formatRatio(rate)}
        hint={
          rate === null ? (
            'No proof of concept yet'
          ) : (
            <Text span size="xs" c={aboveBenchmark ? 'teal.7' : 'orange.7'} fw={500}>
              {aboveBenchmark ? 'At or above' : 'Below'} the {formatRatio(funnel.benchmarkRate)} benchmark
            </Text>
          )
        }
        help={funnel.definition}
        icon={<IconTargetArrow size={20} />}
        color={rate === null ? 'gray' : aboveBenchmark ? 'teal' : 'orange'}
        to={projects('stage=PRODUCTION')}
      />
      <KpiTile
        label="Ready for production"
        value={String(readiness.ready)}
        hint={`${readiness.productionizingReady} of ${readiness.productionizing} productionizing ready`}
        icon={<IconRocket size={20} />}
        color="teal"
        to={projects('stage=PRODUCTIONIZING')}
      />
      <KpiTile
        label="Open alerts"
        value={String(alerts.open)}
        hint={
          <>
            <Text
              span
              size="xs"
              c={alerts.critical > 0 ? 'red.7' : 'dimmed'}
              fw={alerts.critical > 0 ? 600 : 400}
            >
              {alerts.critical} critical
            </Text>
            {` · ${alerts.warning} warning`}
          </>
        }
        icon={<IconAlertTriangle size={20} />}
        color={alerts.critical > 0 ? 'red' : 'gray'}
        to={`${base}/alerts${alerts.critical > 0 ? '?severity=CRITICAL' : ''}`}
      />
      <KpiTile
        label="Projected first-year cost"
        value={`${formatMoneyCompact(money.projectedFirstYear.low, currency)}–${formatMoneyCompact(money.projectedFirstYear.high, currency)}`}
        hint="Production cost of initiatives not yet live"
        icon={<IconTrendingUp size={20} />}
        color="violet"
        to={finance}
      />
      <KpiTile
        label="Actual spend"
        value={formatMoneyCompact(money.actuals, currency)}
        hint={`${formatMoneyCompact(money.postPocSpend, currency)} after the POC`}
        icon={<IconCash size={20} />}
        color="grape"
        to={finance}
      />
    </SimpleGrid>
  );
}

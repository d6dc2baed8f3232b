import { formatMoney, STAGE_LABELS, STAGES, type Stage } from '@gapline/domain';
import {
  Alert,
  Anchor,
  Button,
  Card,
  EmptyState,
  Grid,
  Group,
  List,
  MultiSelect,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconAlertCircle,
  IconFileSpreadsheet,
  IconFileTypeCsv,
  IconFilterOff,
  IconReportMoney,
} from '@tabler/icons-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { ErrorState } from '../../../ui/ErrorState';
import { formatDate } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { useOrganization } from '../../orgs/api/use-org';
import { useCurrentOrg } from '../../orgs/current-org';
import { useBusinessUnits } from '../../projects/api/use-projects';
import {
  EMPTY_EXPORT_FILTERS,
  type ExportFilters,
  type ExportFormat,
  PREVIEW_LIMIT,
  useCostsOf,
  useDownloadExport,
  useExportProjects,
} from '../api/use-exports';

const STAGE_OPTIONS = STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));

const FILE_CONTENTS = [
  'One row per active initiative: stage, owner, business unit and currency',
  'POC and production budgets; spend to date per stage and in total',
  'POC cost, the 10x–20x benchmark, the first-year production band and ongoing costs',
  'Cost multiple and expected annual value',
  'Actuals per calendar month over the chosen period (all months with spend if none)',
];

export function FinancePage() {
  const { orgId } = useCurrentOrg();
  const org = useOrganization(orgId);
  const currency = org.data?.currency ?? 'EUR';
  const [filters, setFilters] = useState<ExportFilters>(EMPTY_EXPORT_FILTERS);
  const [debounced] = useDebouncedValue(filters, 250);
  const units = useBusinessUnits(orgId);
  const download = useDownloadExport(orgId);
  const [pendingFormat, setPendingFormat] = useState<ExportFormat | null>(null);

  const rangeError = filters.from && filters.to && filters.from > filters.to ? 'Must be after “From”' : null;
  const active = JSON.stringify(filters) !== JSON.stringify(EMPTY_EXPORT_FILTERS);

  const start = (format: ExportFormat) => {
    setPendingFormat(format);
    download.mutate(
      { format, filters },
      {
        onSuccess: ({ fileName }) => notifySuccess(`Saved as ${fileName}.`, 'Export ready'),
        onSettled: () => setPendingFormat(null),
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Finance export"
        description="Budgets, spend, projections and monthly actuals of the portfolio, as a spreadsheet for finance. Choose what to include, check the preview, then download."
      />
      <Stack gap="lg">
        <Card
          withBorder
          radius="md"
          padding="lg"
          component="section"
          aria-labelledby="export-filters-heading"
        >
          <Title order={2} fz="h4" id="export-filters-heading" mb="md">
            What to include
          </Title>
          <Group align="flex-start" gap="sm" wrap="wrap" role="search" aria-label="Filter the export">
            <MultiSelect
              label="Stages"
              placeholder={filters.stages.length ? undefined : 'All stages'}
              data={STAGE_OPTIONS}
              value={filters.stages}
              onChange={(stages) => setFilters({ ...filters, stages: stages as Stage[] })}
              clearable
              w={300}
            />
            <Select
              label="Business unit"
              placeholder="All units"
              data={units.data ?? []}
              value={filters.businessUnit}
              onChange={(businessUnit) => setFilters({ ...filters, businessUnit })}
              searchable
              clearable
              nothingFoundMessage="No unit with that name"
              w={220}
            />
            <TextInput
              label="Actuals from"
              type="date"
              value={filters.from}
              max={filters.to || undefined}
              onChange={(e) => setFilters({ ...filters, from: e.currentTarget.value })}
              w={170}
            />
            <TextInput
              label="Actuals to"
              type="date"
              value={filters.to}
              min={filters.from || undefined}
              error={rangeError}
              onChange={(e) => setFilters({ ...filters, to: e.currentTarget.value })}
              w={170}
            />
            {active && (
              <Button
                variant="subtle"
                color="gray"
                mt={25}
                leftSection={<IconFilterOff size={16} aria-hidden />}
                onClick={() => setFilters(EMPTY_EXPORT_FILTERS)}
              >
                Clear filters
              </Button>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt="xs">
            Stages and unit choose the initiatives (archived ones are never exported); the period limits the
            monthly actuals.
          </Text>
        </Card>

        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Card
              withBorder
              radius="md"
              padding="lg"
              component="section"
              aria-labelledby="export-preview-heading"
            >
              <Title order={2} fz="h4" id="export-preview-heading" mb="md">
                Preview
              </Title>
              <Preview orgId={orgId} filters={debounced} currency={currency} invalid={Boolean(rangeError)} />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Card
              withBorder
              radius="md"
              padding="lg"
              component="section"
              aria-labelledby="export-download-heading"
            >
              <Title order={2} fz="h4" id="export-download-heading" mb="xs">
                Download
              </Title>
              <Text size="sm" c="dimmed" mb="sm">
                The file contains:
              </Text>
              <List size="sm" spacing={4} mb="md">
                {FILE_CONTENTS.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
              <Stack gap="sm">
                {download.isError && (
                  <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
                    {errorMessage(download.error)}
                  </Alert>
                )}
                <Group gap="sm">
                  <Button
                    leftSection={<IconFileTypeCsv size={18} aria-hidden />}
                    loading={pendingFormat === 'csv'}
                    disabled={Boolean(rangeError) || (pendingFormat !== null && pendingFormat !== 'csv')}
                    onClick={() => start('csv')}
                  >
                    Download CSV
                  </Button>
                  <Button
                    variant="default"
                    leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
                    loading={pendingFormat === 'xlsx'}
                    disabled={Boolean(rangeError) || (pendingFormat !== null && pendingFormat !== 'xlsx')}
                    onClick={() => start('xlsx')}
                  >
                    Download XLSX
                  </Button>
                </Group>
                <Text size="xs" c="dimmed">
                  Amounts are in {currency}, as decimals of the major unit.
                </Text>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      </Stack>
    </>
  );
}

function inPeriod(day: string, filters: ExportFilters): boolean {
  return (!filters.from || day >= filters.from) && (!filters.to || day <= filters.to);
}

function Preview({
  orgId,
  filters,
  currency,
  invalid,
}: {
  orgId: string;
  filters: ExportFilters;
  currency: string;
  invalid: boolean;
}) {
  const projects = useExportProjects(orgId, filters);
  const items = projects.data?.items ?? [];
  const total = projects.data?.total ?? 0;
  const complete = total <= PREVIEW_LIMIT;
  const costs = useCostsOf(orgId, complete ? items.map((p) => p.id) : []);
  const money = (minor: number) => formatMoney(minor, currency);

  if (projects.isPending) return <Skeleton height={160} />;
  if (projects.isError) {
    return (
      <ErrorState
        title="We could not load the preview"
        error={projects.error}
        onRetry={() => projects.refetch()}
        retrying={projects.isFetching}
      />
    );
  }
  if (total === 0) {
    return (
      <EmptyState
        variant="light"
        icon={<IconReportMoney aria-hidden />}
        title="No initiative matches"
        description="The file would only have its header row. Choose more stages or another business unit."
      />
    );
  }

  const period =
    filters.from || filters.to
      ? `${filters.from ? formatDate(`${filters.from}T00:00:00`) : 'the first entry'} – ${filters.to ? formatDate(`${filters.to}T00:00:00`) : 'today'}`
      : 'all time';
  const loadingCosts = costs.some((c) => c.isPending);
  const failed = costs.find((c) => c.isError);
  const rows = items.map((p, i) => {
    const data = costs[i]?.data;
    return {
      project: p,
      actuals: data?.entries.filter((e) => inPeriod(e.date, filters)).reduce((t, e) => t + e.amount, 0),
      pocBudget: data?.budgets.pocBudget ?? null,
      productionBudget: data?.budgets.productionBudget ?? null,
    };
  });
  const sum = (pick: (r: (typeof rows)[number]) => number | null | undefined) =>
    rows.reduce((t, r) => t + (pick(r) ?? 0), 0);

  return (
    <Stack gap="md" data-testid="export-preview">
      <Text size="sm">
        <strong>
          {total} initiative{total === 1 ? '' : 's'}
        </strong>{' '}
        match{total === 1 ? 'es' : ''}; the file has one row for each, with actuals for {period}.
        {invalid && ' Fix the period to download.'}
      </Text>
      {!complete ? (
        <Text size="sm" c="dimmed">
          That is too many to total here without loading each one; the file has every total.
        </Text>
      ) : failed ? (
        <ErrorState title="We could not total the costs" error={failed.error} />
      ) : loadingCosts ? (
        <Skeleton height={120} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure
              label={`Actuals, ${period}`}
              value={money(sum((r) => r.actuals))}
              testId="preview-actuals"
            />
            <Figure label="POC budgets" value={money(sum((r) => r.pocBudget))} />
            <Figure label="Production budgets" value={money(sum((r) => r.productionBudget))} />
          </SimpleGrid>
          <Table.ScrollContainer minWidth={520}>
            <Table verticalSpacing={6} fz="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Initiative</Table.Th>
                  <Table.Th scope="col">Stage</Table.Th>
                  <Table.Th scope="col">Business unit</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Actuals in period
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.project.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/orgs/${orgId}/projects/${r.project.id}/costs`} size="sm">
                        {r.project.name}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{STAGE_LABELS[r.project.stage]}</Table.Td>
                    <Table.Td>{r.project.businessUnit || '—'}</Table.Td>
                    <Table.Td ta="right" ff="monospace">
                      {money(r.actuals ?? 0)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz="lg" fw={700} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

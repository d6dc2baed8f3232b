import { can, ROLE_LABELS } from '@gapline/domain';
import { Box, Button, Card, EmptyState, List, SimpleGrid, Text } from '@mantine/core';
import { IconBulb, IconFilterOff, IconPlus, IconTargetArrow } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { PageHeader } from '../../../ui/PageHeader';
import { useMembers } from '../../members/api/use-members';
import {
  type PortfolioFilters,
  readPortfolioFilters,
  usePortfolio,
  writePortfolioFilters,
} from '../../portfolio/api/use-portfolio';
import { HeatmapPanel, WeakestCapabilitiesPanel } from '../../portfolio/components/CapabilityHeatmap';
import { DashboardSkeleton } from '../../portfolio/components/DashboardSkeleton';
import { KpiTiles } from '../../portfolio/components/KpiTiles';
import { MoneyPanel } from '../../portfolio/components/MoneyPanel';
import {
  FunnelPanel,
  ReadinessPanel,
  RecommendationsPanel,
  StagesPanel,
} from '../../portfolio/components/PipelineCharts';
import { hasFilters, PortfolioFiltersBar } from '../../portfolio/components/PortfolioFilters';
import { TrendsPanel } from '../../portfolio/components/TrendsPanel';
import { CostMultiplesPanel, StalledPanel } from '../../portfolio/components/WatchLists';
import { useBusinessUnits } from '../../projects/api/use-projects';
import { useOrganization } from '../api/use-org';
import { useCan, useCurrentOrg } from '../current-org';

/** The portfolio dashboard for heads of AI: where the initiatives stand, what blocks them, what they cost. */
export function OverviewPage() {
  const membership = useCurrentOrg();
  const { orgId, role } = membership;
  const base = `/orgs/${orgId}`;
  const org = useOrganization(orgId);
  const canCreate = useCan('projects.create');
  const [params, setParams] = useSearchParams();
  const filters = readPortfolioFilters(params);
  const filterQuery = writePortfolioFilters(filters).toString();
  const portfolio = usePortfolio(orgId, filters);
  const members = useMembers(orgId);
  const businessUnits = useBusinessUnits(orgId);

  const setFilters = (next: PortfolioFilters) => setParams(writePortfolioFilters(next));
  const clear = () => setFilters({ businessUnit: null, ownerId: null, riskClass: null });
  const data = portfolio.data;
  const isNewOrg = data !== undefined && data.totals.projects === 0 && !hasFilters(filters);

  return (
    <>
      <PageHeader
        title={org.data?.name ?? membership.orgName}
        description={`Portfolio of AI initiatives · you are ${ROLE_LABELS[role]}${
          data ? ` · amounts in ${data.currency}` : ''
        }`}
        actions={
          canCreate && !isNewOrg ? (
            <Button
              component={Link}
              to={`${base}/projects/new`}
              leftSection={<IconPlus size={16} aria-hidden />}
            >
              New initiative
            </Button>
          ) : undefined
        }
      />

      {!isNewOrg && (
        <PortfolioFiltersBar
          value={filters}
          onChange={setFilters}
          members={members.data ?? []}
          businessUnits={businessUnits.data ?? []}
        />
      )}

      {portfolio.isPending ? (
        <DashboardSkeleton />
      ) : portfolio.isError && !data ? (
        <Card withBorder radius="md">
          <ErrorState
            error={portfolio.error}
            title="We could not load the portfolio"
            onRetry={() => portfolio.refetch()}
            retrying={portfolio.isFetching}
          />
        </Card>
      ) : !data ? null : isNewOrg ? (
        <Card withBorder radius="md" padding="xl" data-testid="portfolio-empty">
          <EmptyState
            variant="light"
            icon={<IconBulb aria-hidden />}
            title="Your AI portfolio will live here"
            description="Gapline tracks every AI initiative in your organisation, from idea to production, with readiness, costs and alerts on one page."
          >
            <List size="sm" spacing={6} mt="xs" c="dimmed" icon={<IconTargetArrow size={16} aria-hidden />}>
              <List.Item>Register initiatives with an owner, stage and expected benefit</List.Item>
              <List.Item>Track production readiness capability by capability</List.Item>
              <List.Item>Compare POC spend with the projected cost of production</List.Item>
            </List>
            <EmptyState.Actions>
              {canCreate ? (
                <Button
                  component={Link}
                  to={`${base}/projects/new`}
                  leftSection={<IconPlus size={16} aria-hidden />}
                >
                  Register your first initiative
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  Ask an administrator or a project owner to register your first initiative.
                </Text>
              )}
            </EmptyState.Actions>
          </EmptyState>
        </Card>
      ) : (
        <Box
          style={{ opacity: portfolio.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}
          aria-busy={portfolio.isPlaceholderData}
        >
          {portfolio.isError && (
            <Box mb="md">
              <ErrorState
                error={portfolio.error}
                title="These figures may be out of date"
                onRetry={() => portfolio.refetch()}
                retrying={portfolio.isFetching}
              />
            </Box>
          )}
          {data.totals.projects === 0 ? (
            <Card withBorder radius="md" mb="lg">
              <EmptyState
                variant="light"
                icon={<IconFilterOff aria-hidden />}
                title="No initiative matches these filters"
                description="Try another business unit, owner or risk class."
              >
                <EmptyState.Actions>
                  <Button variant="light" onClick={clear}>
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            </Card>
          ) : (
            <>
              <KpiTiles
                portfolio={data}
                base={base}
                filterQuery={filterQuery}
                canSeeFinance={can(role, 'exports.read')}
              />
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg" mb="lg">
                <FunnelPanel funnel={data.funnel} />
                <StagesPanel byStage={data.byStage} base={base} filterQuery={filterQuery} />
                <ReadinessPanel readiness={data.readiness} />
                <RecommendationsPanel recommendations={data.recommendations} base={base} />
              </SimpleGrid>
              <Box mb="lg">
                <HeatmapPanel
                  heatmap={data.heatmap}
                  openCount={data.totals.open - (data.byStage.POC_SUFFICIENT ?? 0)}
                  base={base}
                />
              </Box>
              <Box mb="lg">
                <MoneyPanel
                  money={data.money}
                  currency={data.currency}
                  base={base}
                  canSeeFinance={can(role, 'exports.read')}
                />
              </Box>
              <SimpleGrid cols={{ base: 1, md: 2, lg: 3 }} spacing="lg" mb="lg">
                <WeakestCapabilitiesPanel capabilities={data.capabilities} />
                <StalledPanel stalled={data.stalled} base={base} />
                <CostMultiplesPanel multiples={data.money.costMultiples} base={base} />
              </SimpleGrid>
            </>
          )}
          <TrendsPanel orgId={orgId} currency={data.currency} />
        </Box>
      )}
    </>
  );
}

import { SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { ErrorState } from '../../../ui/ErrorState';
import type { Project } from '../../projects/api/types';
import { useCosts, useProjection } from '../api/use-costs';
import { BudgetsCard } from './BudgetsCard';
import { CostEntries } from './CostEntries';
import { CostChecksPanel, ProjectionPanel, ProjectionWarnings } from './ProjectionPanels';
import { SpendChart } from './SpendChart';

/** The Costs tab of an initiative: budgets, projection, spend over time and the ledger. */
export function CostsTab({ orgId, project }: { orgId: string; project: Project }) {
  const costs = useCosts(orgId, project.id);
  const projection = useProjection(orgId, project.id);

  if (costs.isPending || projection.isPending) {
    return (
      <Stack aria-busy="true" aria-label="Loading the costs" role="status">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
          <Skeleton height={160} radius="md" />
          <Skeleton height={160} radius="md" />
        </SimpleGrid>
        <Skeleton height={260} radius="md" />
        <Skeleton height={300} radius="md" />
      </Stack>
    );
  }
  if (costs.isError || projection.isError) {
    const failed = costs.isError ? costs : projection;
    return (
      <ErrorState
        title="We could not load the costs"
        error={failed.error}
        onRetry={() => {
          void costs.refetch();
          void projection.refetch();
        }}
        retrying={costs.isFetching || projection.isFetching}
      />
    );
  }

  // An archived initiative is read only, whatever the role.
  const data = project.archivedAt ? { ...costs.data, canEdit: false } : costs.data;

  return (
    <Stack gap="lg">
      <ProjectionWarnings projection={projection.data} costs={data} />
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Stack gap="lg">
          <BudgetsCard orgId={orgId} projectId={project.id} costs={data} />
          <CostChecksPanel projection={projection.data} />
        </Stack>
        <ProjectionPanel orgId={orgId} projectId={project.id} projection={projection.data} costs={data} />
      </SimpleGrid>
      <SpendChart costs={data} projection={projection.data} />
      <CostEntries orgId={orgId} projectId={project.id} projectStage={project.stage} costs={data} />
    </Stack>
  );
}

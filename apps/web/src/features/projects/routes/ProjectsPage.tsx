import { Alert, Button, Card, EmptyState, Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconArchive, IconBulb, IconChevronLeft, IconChevronRight, IconPlus } from '@tabler/icons-react';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../../api/errors';
import { ErrorState } from '../../../ui/ErrorState';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useMembers } from '../../members/api/use-members';
import { useOrganization } from '../../orgs/api/use-org';
import { useCan, useCurrentOrg } from '../../orgs/current-org';
import { PAGE_SIZE, useBusinessUnits, useProjects } from '../api/use-projects';
import { ProjectFiltersBar } from '../components/ProjectFiltersBar';
import { ProjectsTable } from '../components/ProjectsTable';
import { isFiltered, type ListState, readListState, toQuery, writeListState } from '../list-params';

function describeTotal(total: number, archived: boolean, filtered: boolean): string {
  const noun = `${archived ? 'archived ' : ''}initiative${total === 1 ? '' : 's'}`;
  return filtered ? `${total} ${noun} match${total === 1 ? 'es' : ''} these filters` : `${total} ${noun}`;
}

export function ProjectsPage() {
  const { orgId } = useCurrentOrg();
  const canCreate = useCan('projects.create');
  const [searchParams, setSearchParams] = useSearchParams();
  const state = readListState(searchParams);
  const projects = useProjects(orgId, toQuery(state));
  const members = useMembers(orgId);
  const businessUnits = useBusinessUnits(orgId);
  const org = useOrganization(orgId);

  /** Any change but paging starts again from the first page. */
  const update = (next: Partial<ListState>, options: { typing?: boolean } = {}) =>
    setSearchParams(writeListState({ ...state, cursors: [], ...next }), { replace: options.typing });
  const clearFilters = () =>
    setSearchParams(writeListState({ ...readListState(new URLSearchParams()), archived: state.archived }));

  const page = projects.data;
  const filtered = isFiltered(state);
  const firstItem = state.cursors.length * PAGE_SIZE + 1;
  const newButton = canCreate && (
    <Button
      component={Link}
      to={`/orgs/${orgId}/projects/new`}
      leftSection={<IconPlus size={18} aria-hidden />}
    >
      Register an initiative
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Initiatives"
        description="Every AI initiative in the organisation: where it stands, whether it is ready for production, and what the decision guide recommends."
        actions={newButton}
      />

      <Card withBorder radius="md" padding="md" component="section" aria-label="Initiatives">
        <Stack gap="md">
          <ProjectFiltersBar
            value={state}
            onChange={update}
            onClear={clearFilters}
            members={members.data ?? []}
            businessUnits={businessUnits.data ?? []}
            aside={
              <SegmentedControl
                aria-label="Show active or archived initiatives"
                value={state.archived ? 'archived' : 'active'}
                onChange={(value) => update({ archived: value === 'archived' })}
                data={[
                  { value: 'active', label: 'Active' },
                  { value: 'archived', label: 'Archived' },
                ]}
              />
            }
          />

          <Group justify="space-between" mih={24}>
            <Text size="sm" c="dimmed" aria-live="polite">
              {page && page.total > 0 && describeTotal(page.total, state.archived, filtered)}
            </Text>
            {projects.isFetching && !projects.isPending && <Loader size="sm" aria-label="Updating" />}
          </Group>

          {projects.isPending ? (
            <TableSkeleton rows={6} label="Loading initiatives" />
          ) : projects.isError && !page ? (
            <ErrorState
              title="We could not load the initiatives"
              error={projects.error}
              onRetry={() => projects.refetch()}
              retrying={projects.isFetching}
            />
          ) : !page || page.items.length === 0 ? (
            state.cursors.length > 0 ? (
              <EmptyState
                icon={<IconBulb aria-hidden />}
                withIndicatorBackground
                title="This page is empty"
                description="The list changed since this page was opened."
              >
                <EmptyState.Actions>
                  <Button variant="light" onClick={() => update({})}>
                    Go to the first page
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            ) : filtered ? (
              <EmptyState
                icon={<IconBulb aria-hidden />}
                withIndicatorBackground
                title="No results for these filters"
                description="Clear a filter or try another search to see more initiatives."
              >
                <EmptyState.Actions>
                  <Button variant="light" onClick={clearFilters}>
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              </EmptyState>
            ) : state.archived ? (
              <EmptyState
                icon={<IconArchive aria-hidden />}
                withIndicatorBackground
                title="Nothing archived"
                description="Archived initiatives appear here; an admin can restore them."
              />
            ) : (
              <EmptyState
                icon={<IconBulb aria-hidden />}
                withIndicatorBackground
                title="No initiatives yet"
                description={
                  canCreate
                    ? 'Register the first AI initiative: its owner, stage, expected value and the production criteria that apply.'
                    : 'Initiatives registered by admins and project owners will appear here.'
                }
              >
                {newButton && <EmptyState.Actions>{newButton}</EmptyState.Actions>}
              </EmptyState>
            )
          ) : (
            <>
              <ProjectsTable
                orgId={orgId}
                projects={page.items}
                currency={org.data?.currency}
                sort={state.sort}
                onSort={(sort) => update({ sort })}
              />
              {projects.isError && (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(projects.error)}
                </Alert>
              )}
              <Group justify="space-between" component="nav" aria-label="Pages">
                <Text size="sm" c="dimmed">
                  Showing {firstItem}–{firstItem + page.items.length - 1} of {page.total}
                </Text>
                <Group gap="xs">
                  <Button
                    variant="default"
                    leftSection={<IconChevronLeft size={16} aria-hidden />}
                    disabled={state.cursors.length === 0}
                    onClick={() =>
                      setSearchParams(writeListState({ ...state, cursors: state.cursors.slice(0, -1) }))
                    }
                  >
                    Previous
                  </Button>
                  <Button
                    variant="default"
                    rightSection={<IconChevronRight size={16} aria-hidden />}
                    disabled={!page.nextCursor || projects.isPlaceholderData}
                    onClick={() =>
                      page.nextCursor &&
                      setSearchParams(
                        writeListState({ ...state, cursors: [...state.cursors, page.nextCursor] }),
                      )
                    }
                  >
                    Next
                  </Button>
                </Group>
              </Group>
            </>
          )}
        </Stack>
      </Card>
    </>
  );
}

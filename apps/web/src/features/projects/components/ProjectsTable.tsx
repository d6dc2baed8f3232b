import { formatMoney } from '@gapline/domain';
import { Anchor, Center, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconChevronUp, IconSelector } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { formatDateTime, formatRelative } from '../../../ui/format';
import type { ProjectListItem } from '../api/types';
import type { ProjectSort } from '../api/use-projects';
import { ReadinessMeter, RecommendationBadge, StageBadge } from './Badges';

type SortField = 'name' | 'createdAt' | 'updatedAt';

interface SortableThProps {
  field: SortField;
  sort: ProjectSort;
  onSort: (sort: ProjectSort) => void;
  children: ReactNode;
  /** The direction a first click sorts in. */
  firstDirection?: 'asc' | 'desc';
}

function SortableTh({ field, sort, onSort, children, firstDirection = 'asc' }: SortableThProps) {
  const active = sort === field || sort === `-${field}`;
  const descending = sort === `-${field}`;
  const next: ProjectSort = active
    ? ((descending ? field : `-${field}`) as ProjectSort)
    : ((firstDirection === 'asc' ? field : `-${field}`) as ProjectSort);
  const Icon = !active ? IconSelector : descending ? IconChevronDown : IconChevronUp;
  return (
    <Table.Th scope="col" aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'} p={0}>
      <UnstyledButton
        onClick={() => onSort(next)}
        px="sm"
        py={8}
        w="100%"
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
      >
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {children}
          </Text>
          <Center>
            <Icon size={14} stroke={1.6} aria-hidden />
          </Center>
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}

interface ProjectsTableProps {
  orgId: string;
  projects: ProjectListItem[];
  currency: string | undefined;
  sort: ProjectSort;
  onSort: (sort: ProjectSort) => void;
}

export function ProjectsTable({ orgId, projects, currency, sort, onSort }: ProjectsTableProps) {
  return (
    <Table.ScrollContainer minWidth={1080}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="name" sort={sort} onSort={onSort}>
              Name
            </SortableTh>
            <Table.Th scope="col" style={{ whiteSpace: 'nowrap' }}>
              Business unit
            </Table.Th>
            <Table.Th scope="col">Owner</Table.Th>
            <Table.Th scope="col">Stage</Table.Th>
            <Table.Th scope="col" ta="right" style={{ whiteSpace: 'nowrap' }}>
              In stage
            </Table.Th>
            <Table.Th scope="col">Readiness</Table.Th>
            <Table.Th scope="col">Recommendation</Table.Th>
            <Table.Th scope="col" ta="right" style={{ whiteSpace: 'nowrap' }}>
              Value / year
            </Table.Th>
            <SortableTh field="updatedAt" sort={sort} onSort={onSort} firstDirection="desc">
              Updated
            </SortableTh>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {projects.map((project) => (
            <Table.Tr key={project.id}>
              <Table.Td maw={280}>
                <Anchor component={Link} to={`/orgs/${orgId}/projects/${project.id}`} fw={600} size="sm">
                  {project.name}
                </Anchor>
                {project.tags.length > 0 && (
                  <Text size="xs" c="dimmed" truncate>
                    {project.tags.join(' · ')}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{project.businessUnit || '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{project.owner.name}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <StageBadge stage={project.stage} miw="max-content" />
              </Table.Td>
              <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                <Text size="sm">
                  {project.daysInStage === null
                    ? '—'
                    : `${project.daysInStage} day${project.daysInStage === 1 ? '' : 's'}`}
                </Text>
              </Table.Td>
              <Table.Td>
                <ReadinessMeter readiness={project.readiness} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <RecommendationBadge recommendation={project.recommendation} miw="max-content" />
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {project.expectedAnnualValue === null || !currency
                    ? '—'
                    : formatMoney(project.expectedAnnualValue, currency)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }} title={formatDateTime(project.updatedAt)}>
                  {formatRelative(project.updatedAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

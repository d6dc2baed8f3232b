import { can, FINAL_STAGES, STAGE_LABELS } from '@gapline/domain';
import {
  Alert,
  Anchor,
  Badge,
  Breadcrumbs,
  Button,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArchive,
  IconArrowsRightLeft,
  IconCoin,
  IconLayoutDashboard,
  IconListCheck,
  IconPencil,
  IconRestore,
} from '@tabler/icons-react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/errors';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorState } from '../../../ui/ErrorState';
import { formatDate } from '../../../ui/format';
import { NotFoundState } from '../../../ui/NotFound';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { ProjectAlertsPanel } from '../../alerts/components/ProjectAlertsPanel';
import { CostsTab } from '../../costs/components/CostsTab';
import { useOrganization } from '../../orgs/api/use-org';
import { useCurrentOrg } from '../../orgs/current-org';
import { useArchiveProject, useProject, useRestoreProject } from '../api/use-projects';
import { StageBadge } from '../components/Badges';
import { ChecklistView } from '../components/Checklist';
import { DecisionPanel, DetailsPanel, ReadinessPanel, StageTimelinePanel } from '../components/ProjectPanels';
import { TransitionModal } from '../components/TransitionModal';

const TABS = ['overview', 'checklist', 'costs'] as const;
type Tab = (typeof TABS)[number];

/** `/projects/:projectId` (overview), `/projects/:projectId/checklist` and `/projects/:projectId/costs`. */
export function ProjectPage() {
  const { orgId, role } = useCurrentOrg();
  const { projectId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const project = useProject(orgId, projectId);
  const org = useOrganization(orgId);
  const archive = useArchiveProject(orgId, projectId);
  const restore = useRestoreProject(orgId, projectId);
  const [moveOpened, moveModal] = useDisclosure(false);
  const [archiveOpened, archiveModal] = useDisclosure(false);
  const base = `/orgs/${orgId}/projects/${projectId}`;
  const tab: Tab = location.pathname.endsWith('/checklist')
    ? 'checklist'
    : location.pathname.endsWith('/costs')
      ? 'costs'
      : 'overview';

  if (project.isPending) {
    return (
      <Stack aria-busy="true" aria-label="Loading the initiative" role="status">
        <Skeleton height={20} width={200} />
        <Skeleton height={36} width={360} />
        <Skeleton height={300} radius="md" />
      </Stack>
    );
  }
  if (project.isError) {
    if (project.error instanceof ApiError && project.error.status === 404) {
      return (
        <NotFoundState title="Initiative not found" description="It does not exist in this organisation." />
      );
    }
    return (
      <ErrorState
        title="We could not load this initiative"
        error={project.error}
        onRetry={() => project.refetch()}
        retrying={project.isFetching}
      />
    );
  }

  const p = project.data;
  const archived = p.archivedAt !== null;
  const currency = org.data?.currency ?? 'EUR';
  const canMove = p.canEdit && !archived && !FINAL_STAGES.includes(p.stage);

  return (
    <>
      <Breadcrumbs mb="xs" aria-label="Breadcrumb">
        <Anchor component={Link} to={`/orgs/${orgId}/projects`} size="sm">
          Initiatives
        </Anchor>
        <Text size="sm" c="dimmed" aria-current="page">
          {p.name}
        </Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start" mb="md" wrap="wrap" gap="md">
        <Stack gap={6}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} fz="h2">
              {p.name}
            </Title>
            <StageBadge stage={p.stage} size="lg" />
            {archived && (
              <Badge size="lg" color="gray" variant="outline">
                Archived
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            Owned by {p.owner.name}
            {p.businessUnit && ` · ${p.businessUnit}`}
            {p.daysInStage !== null &&
              ` · ${p.daysInStage} day${p.daysInStage === 1 ? '' : 's'} in ${STAGE_LABELS[p.stage]}`}
            {p.stageEnteredAt && ` (since ${formatDate(p.stageEnteredAt)})`}
          </Text>
        </Stack>
        <Group gap="sm">
          {p.canEdit && !archived && (
            <Button
              variant="default"
              component={Link}
              to={`${base}/edit`}
              leftSection={<IconPencil size={18} aria-hidden />}
            >
              Edit
            </Button>
          )}
          {canMove && (
            <Button leftSection={<IconArrowsRightLeft size={18} aria-hidden />} onClick={moveModal.open}>
              Move stage
            </Button>
          )}
          {p.canEdit && !archived && (
            <Button
              variant="subtle"
              color="red"
              leftSection={<IconArchive size={18} aria-hidden />}
              onClick={archiveModal.open}
            >
              Archive
            </Button>
          )}
          {archived && can(role, 'projects.restore') && (
            <Button
              leftSection={<IconRestore size={18} aria-hidden />}
              loading={restore.isPending}
              onClick={() =>
                restore.mutate(undefined, {
                  onSuccess: (saved) =>
                    notifySuccess(`“${saved.name}” is active again.`, 'Initiative restored'),
                  onError: (error) => notifyError(error, 'Could not restore the initiative'),
                })
              }
            >
              Restore
            </Button>
          )}
        </Group>
      </Group>

      {archived && (
        <Alert color="gray" variant="light" mb="md" icon={<IconArchive aria-hidden />}>
          This initiative was archived on {formatDate(p.archivedAt ?? '')}. It is read only
          {can(role, 'projects.restore') ? ' until you restore it.' : '; an admin can restore it.'}
        </Alert>
      )}

      <Tabs
        value={tab}
        onChange={(value) => navigate(value === 'checklist' || value === 'costs' ? `${base}/${value}` : base)}
        keepMounted={false}
      >
        <Tabs.List aria-label="Initiative sections" mb="lg">
          <Tabs.Tab value="overview" leftSection={<IconLayoutDashboard size={16} aria-hidden />}>
            Overview
          </Tabs.Tab>
          <Tabs.Tab value="checklist" leftSection={<IconListCheck size={16} aria-hidden />}>
            Checklist{' '}
            <Badge size="xs" variant="light" color={p.readiness.ready ? 'teal' : 'gray'} ml={4}>
              {p.readiness.done}/{p.readiness.applicable}
            </Badge>
          </Tabs.Tab>
          <Tabs.Tab value="costs" leftSection={<IconCoin size={16} aria-hidden />}>
            Costs
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="overview">
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
            <Stack gap="lg">
              <DecisionPanel project={p} currency={currency} />
              <ReadinessPanel orgId={orgId} project={p} />
            </Stack>
            <Stack gap="lg">
              <ProjectAlertsPanel orgId={orgId} project={p} />
              <StageTimelinePanel orgId={orgId} projectId={p.id} />
              <DetailsPanel project={p} currency={currency} />
            </Stack>
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="checklist">
          <ChecklistView orgId={orgId} projectId={p.id} />
        </Tabs.Panel>
        <Tabs.Panel value="costs">
          <CostsTab orgId={orgId} project={p} />
        </Tabs.Panel>
      </Tabs>

      {canMove && (
        <TransitionModal
          orgId={orgId}
          project={p}
          role={role}
          opened={moveOpened}
          onClose={moveModal.close}
        />
      )}
      <ConfirmModal
        opened={archiveOpened}
        title={`Archive “${p.name}”?`}
        confirmLabel="Archive initiative"
        loading={archive.isPending}
        onClose={archiveModal.close}
        onConfirm={() =>
          archive.mutate(undefined, {
            onSuccess: () => {
              archiveModal.close();
              notifySuccess(`“${p.name}” is archived.`, 'Initiative archived');
              navigate(`/orgs/${orgId}/projects`);
            },
            onError: (error) => {
              archiveModal.close();
              notifyError(error, 'Could not archive the initiative');
            },
          })
        }
      >
        It disappears from the list of active initiatives and becomes read only. An admin can restore it.
      </ConfirmModal>
    </>
  );
}

import { Skeleton, Stack } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { NotFoundState } from '../../../ui/NotFound';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { useSignedInUser } from '../../auth/api/use-session';
import { useMembers } from '../../members/api/use-members';
import { useOrganization } from '../../orgs/api/use-org';
import { useCurrentOrg } from '../../orgs/current-org';
import { useSettings } from '../../settings/api/use-settings';
import { useCreateProject, useProject, useUpdateProject } from '../api/use-projects';
import { initialValues, ProjectForm, toBody } from '../components/ProjectForm';

function FormSkeleton() {
  return (
    <Stack maw={880} aria-busy="true" aria-label="Loading the form" role="status">
      <Skeleton height={280} radius="md" />
      <Skeleton height={140} radius="md" />
      <Skeleton height={320} radius="md" />
    </Stack>
  );
}

/** `/projects/new`: register an initiative. */
export function ProjectCreatePage() {
  const { orgId, role } = useCurrentOrg();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const members = useMembers(orgId);
  const settings = useSettings(orgId);
  const org = useOrganization(orgId);
  const create = useCreateProject(orgId);
  const isAdmin = role === 'ADMIN';

  return (
    <>
      <PageHeader
        title="Register an initiative"
        description="Record what it is, who owns it, the value it should bring and the production criteria that apply. The decision guide does the rest."
      />
      {org.isPending ? (
        <FormSkeleton />
      ) : org.isError ? (
        <ErrorState error={org.error} onRetry={() => org.refetch()} retrying={org.isFetching} />
      ) : (
        <ProjectForm
          mode="create"
          initial={initialValues(null, user.id)}
          canChooseOwner={isAdmin}
          members={members.data ?? []}
          settings={settings.data}
          currency={org.data.currency}
          submitting={create.isPending}
          onCancel={() => navigate(`/orgs/${orgId}/projects`)}
          onSubmit={(values, onError) =>
            create.mutate(toBody(values, { withOwner: isAdmin, withStage: true }), {
              onSuccess: (project) => {
                notifySuccess(`“${project.name}” is registered.`, 'Initiative registered');
                navigate(`/orgs/${orgId}/projects/${project.id}`);
              },
              onError,
            })
          }
        />
      )}
    </>
  );
}

/** `/projects/:projectId/edit`: change the details and criteria of an initiative. */
export function ProjectEditPage() {
  const { orgId, role } = useCurrentOrg();
  const { projectId = '' } = useParams();
  const user = useSignedInUser();
  const navigate = useNavigate();
  const members = useMembers(orgId);
  const settings = useSettings(orgId);
  const org = useOrganization(orgId);
  const project = useProject(orgId, projectId);
  const update = useUpdateProject(orgId, projectId);
  const isAdmin = role === 'ADMIN';
  const back = `/orgs/${orgId}/projects/${projectId}`;

  if (project.isError || org.isError) {
    const error = project.error ?? org.error;
    return (
      <ErrorState
        title="We could not load this initiative"
        error={error}
        onRetry={() => {
          void project.refetch();
          void org.refetch();
        }}
        retrying={project.isFetching || org.isFetching}
      />
    );
  }
  if (project.isPending || org.isPending) {
    return (
      <>
        <PageHeader title="Edit initiative" />
        <FormSkeleton />
      </>
    );
  }
  if (!project.data.canEdit || project.data.archivedAt) {
    return (
      <NotFoundState
        title="You cannot edit this initiative"
        description={
          project.data.archivedAt
            ? 'It is archived; an admin can restore it first.'
            : 'Only its owner and admins can change it.'
        }
      />
    );
  }

  return (
    <>
      <PageHeader title={`Edit “${project.data.name}”`} />
      <ProjectForm
        key={project.data.id}
        mode="edit"
        initial={initialValues(project.data, user.id)}
        canChooseOwner={isAdmin}
        members={members.data ?? []}
        settings={settings.data}
        currency={org.data.currency}
        submitting={update.isPending}
        onCancel={() => navigate(back)}
        onSubmit={(values, onError) =>
          update.mutate(toBody(values, { withOwner: isAdmin, withStage: false }), {
            onSuccess: (saved) => {
              notifySuccess(`“${saved.name}” is saved.`, 'Changes saved');
              navigate(back);
            },
            onError,
          })
        }
      />
    </>
  );
}

import { Button, Card, EmptyState, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorState } from '../../../ui/ErrorState';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useSignedInUser } from '../../auth/api/use-session';
import { meQueryKey } from '../../orgs/api/use-me';
import { useCan, useCurrentOrg } from '../../orgs/current-org';
import { type Member, useMembers, useRemoveMember } from '../api/use-members';
import { InviteModal } from '../components/InviteModal';
import { MembersTable } from '../components/MembersTable';
import { PendingInvitations } from '../components/PendingInvitations';

export function MembersPage() {
  const { orgId, orgName } = useCurrentOrg();
  const user = useSignedInUser();
  const canManage = useCan('members.manage');
  const members = useMembers(orgId);
  const remove = useRemoveMember(orgId);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [inviteOpened, inviteModal] = useDisclosure(false);
  const [toRemove, setToRemove] = useState<Member | null>(null);
  const removingSelf = toRemove?.userId === user.id;

  const confirmRemove = () => {
    if (!toRemove) return;
    const member = toRemove;
    remove.mutate(member.userId, {
      onSuccess: async () => {
        setToRemove(null);
        if (member.userId === user.id) {
          notifySuccess(`You left ${orgName}.`);
          await queryClient.invalidateQueries({ queryKey: meQueryKey });
          navigate('/', { replace: true });
          return;
        }
        notifySuccess(`${member.name} no longer has access to ${orgName}.`, 'Member removed');
      },
      onError: (error) => {
        setToRemove(null);
        notifyError(error, `Could not remove ${member.name}`);
      },
    });
  };

  return (
    <>
      <PageHeader
        title="Members"
        description={
          canManage
            ? 'Everyone with access to this organisation. Roles decide what each person can see and change.'
            : 'Everyone with access to this organisation. Ask an admin to invite someone or change a role.'
        }
        actions={
          canManage && (
            <Button leftSection={<IconUserPlus size={18} aria-hidden />} onClick={inviteModal.open}>
              Invite member
            </Button>
          )
        }
      />

      <Card withBorder radius="md" padding="md" component="section" aria-label="Members">
        {members.isPending ? (
          <TableSkeleton rows={4} label="Loading members" />
        ) : members.isError ? (
          <ErrorState
            title="We could not load the members"
            error={members.error}
            onRetry={() => members.refetch()}
            retrying={members.isFetching}
          />
        ) : members.data.length === 0 ? (
          <EmptyState
            icon={<IconUsers aria-hidden />}
            title="No members yet"
            description="Invite your first colleague."
          />
        ) : (
          <MembersTable
            orgId={orgId}
            members={members.data}
            currentUserId={user.id}
            canManage={canManage}
            onRemove={setToRemove}
          />
        )}
      </Card>

      {canManage && (
        <Card
          withBorder
          radius="md"
          padding="md"
          mt="lg"
          component="section"
          aria-labelledby="pending-heading"
        >
          <Title order={2} fz="h4" id="pending-heading" mb="sm">
            Pending invitations
          </Title>
          <PendingInvitations orgId={orgId} onInvite={inviteModal.open} />
        </Card>
      )}

      {canManage && <InviteModal orgId={orgId} opened={inviteOpened} onClose={inviteModal.close} />}

      <ConfirmModal
        opened={toRemove !== null}
        title={removingSelf ? `Leave ${orgName}?` : `Remove ${toRemove?.name ?? 'this member'}?`}
        confirmLabel={removingSelf ? 'Leave organisation' : 'Remove member'}
        loading={remove.isPending}
        onClose={() => setToRemove(null)}
        onConfirm={confirmRemove}
      >
        {removingSelf
          ? 'You will lose access to this organisation straight away. An admin can invite you again.'
          : `${toRemove?.name ?? 'They'} (${toRemove?.email ?? ''}) will lose access to ${orgName} straight away. You can invite them again later.`}
      </ConfirmModal>
    </>
  );
}

import { ROLE_LABELS } from '@gapline/domain';
import { ActionIcon, Badge, Button, EmptyState, Table, Text, Tooltip } from '@mantine/core';
import { IconMailOff, IconMailPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { ErrorState } from '../../../ui/ErrorState';
import { formatDate, formatRelative } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { type Invitation, useInvitations, useRevokeInvitation } from '../api/use-invitations';

export function PendingInvitations({ orgId, onInvite }: { orgId: string; onInvite: () => void }) {
  const invitations = useInvitations(orgId);
  const revoke = useRevokeInvitation(orgId);
  const [toRevoke, setToRevoke] = useState<Invitation | null>(null);

  if (invitations.isPending) return <TableSkeleton rows={2} label="Loading invitations" />;
  if (invitations.isError) {
    return (
      <ErrorState
        title="We could not load the invitations"
        error={invitations.error}
        onRetry={() => invitations.refetch()}
        retrying={invitations.isFetching}
      />
    );
  }
  if (invitations.data.length === 0) {
    return (
      <EmptyState
        size="sm"
        icon={<IconMailPlus aria-hidden />}
        title="No pending invitations"
        description="Invite colleagues by e-mail; their invitation waits here until they accept it."
      >
        <EmptyState.Actions>
          <Button variant="light" size="xs" onClick={onInvite}>
            Invite a member
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }

  const now = Date.now();
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">E-mail</Table.Th>
              <Table.Th scope="col">Role</Table.Th>
              <Table.Th scope="col">Sent</Table.Th>
              <Table.Th scope="col">Expires</Table.Th>
              <Table.Th scope="col">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {invitations.data.map((invitation) => {
              const expired = new Date(invitation.expiresAt).getTime() < now;
              return (
                <Table.Tr key={invitation.id}>
                  <Table.Td>
                    <Text size="sm">{invitation.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color="gray">
                      {ROLE_LABELS[invitation.role]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDate(invitation.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    {expired ? (
                      <Badge color="orange" variant="light">
                        Expired
                      </Badge>
                    ) : (
                      <Text size="sm" title={formatDate(invitation.expiresAt)}>
                        {formatRelative(invitation.expiresAt, now)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">
                    <Tooltip label={`Revoke the invitation for ${invitation.email}`}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={`Revoke the invitation for ${invitation.email}`}
                        onClick={() => setToRevoke(invitation)}
                      >
                        <IconMailOff size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={toRevoke !== null}
        title="Revoke this invitation?"
        confirmLabel="Revoke invitation"
        loading={revoke.isPending}
        onClose={() => setToRevoke(null)}
        onConfirm={() => {
          if (!toRevoke) return;
          revoke.mutate(toRevoke.id, {
            onSuccess: () =>
              notifySuccess(`The link sent to ${toRevoke.email} no longer works.`, 'Invitation revoked'),
            onError: (error) => notifyError(error, 'Could not revoke the invitation'),
            onSettled: () => setToRevoke(null),
          });
        }}
      >
        The link sent to <strong>{toRevoke?.email}</strong> will stop working. You can invite them again
        later.
      </ConfirmModal>
    </>
  );
}

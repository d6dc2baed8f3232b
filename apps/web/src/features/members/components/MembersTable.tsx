import { ROLE_LABELS, ROLES, type Role } from '@gapline/domain';
import { ActionIcon, Avatar, Badge, Group, Select, Table, Text, Tooltip } from '@mantine/core';
import { IconUserMinus } from '@tabler/icons-react';
import { useState } from 'react';
import { formatDate } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { type Member, useChangeRole } from '../api/use-members';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface MembersTableProps {
  orgId: string;
  members: Member[];
  currentUserId: string;
  canManage: boolean;
  onRemove: (member: Member) => void;
}

export function MembersTable({ orgId, members, currentUserId, canManage, onRemove }: MembersTableProps) {
  const changeRole = useChangeRole(orgId);
  const [pendingUserId, setPendingUserId] = useState<string | null>(null);

  const onRoleChange = (member: Member, role: Role) => {
    if (role === member.role) return;
    setPendingUserId(member.userId);
    changeRole.mutate(
      { userId: member.userId, role },
      {
        onSuccess: (updated) =>
          notifySuccess(`${updated.name} is now ${ROLE_LABELS[updated.role]}.`, 'Role changed'),
        onError: (error) => notifyError(error, `Could not change the role of ${member.name}`),
        onSettled: () => setPendingUserId(null),
      },
    );
  };

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }} className="visually-hidden">
          Members of the organisation
        </Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Name</Table.Th>
            <Table.Th scope="col">E-mail</Table.Th>
            <Table.Th scope="col">Role</Table.Th>
            <Table.Th scope="col">Joined</Table.Th>
            {canManage && (
              <Table.Th scope="col">
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((member) => {
            const isSelf = member.userId === currentUserId;
            return (
              <Table.Tr key={member.userId}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar size={30} radius="xl" color="indigo" name={member.name} aria-hidden />
                    <Text size="sm" fw={500}>
                      {member.name}
                    </Text>
                    {isSelf && (
                      <Badge size="xs" variant="outline">
                        You
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {member.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {canManage ? (
                    <Select
                      aria-label={`Role of ${member.name}`}
                      data={ROLE_OPTIONS}
                      value={member.role}
                      allowDeselect={false}
                      size="xs"
                      w={190}
                      disabled={pendingUserId === member.userId}
                      onChange={(value) => value && onRoleChange(member, value as Role)}
                    />
                  ) : (
                    <Badge variant="light" color={member.role === 'ADMIN' ? 'indigo' : 'gray'}>
                      {ROLE_LABELS[member.role]}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDate(member.joinedAt)}</Text>
                </Table.Td>
                {canManage && (
                  <Table.Td ta="right">
                    <Tooltip label={isSelf ? 'Leave the organisation' : `Remove ${member.name}`}>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={isSelf ? 'Leave the organisation' : `Remove ${member.name}`}
                        onClick={() => onRemove(member)}
                      >
                        <IconUserMinus size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

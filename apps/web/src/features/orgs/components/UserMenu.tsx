import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconChevronDown, IconLogout } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { NotificationSettingsModal } from '../../alerts/components/NotificationSettingsModal';
import { useLogout } from '../../auth/api/use-auth';
import { useSignedInUser } from '../../auth/api/use-session';
import { useCurrentOrg } from '../current-org';

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((part) => part[0]?.toUpperCase())
    .join('');
}

export function UserMenu() {
  const user = useSignedInUser();
  const logout = useLogout();
  const navigate = useNavigate();
  const { orgId } = useCurrentOrg();
  const [notificationsOpen, notifications] = useDisclosure(false);

  return (
    <>
      <NotificationSettingsModal orgId={orgId} opened={notificationsOpen} onClose={notifications.close} />
      <Menu position="bottom-end" shadow="md" width={240}>
        <Menu.Target>
          {/* Named by its (hidden) text rather than aria-label, which would have to repeat the initials. */}
          <UnstyledButton
            style={{ display: 'flex', alignItems: 'center', gap: 8, borderRadius: 8, padding: 4 }}
          >
            <Avatar color="indigo" radius="xl" size={32} aria-hidden>
              {initials(user.name)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" aria-hidden>
              {user.name}
            </Text>
            <span className="visually-hidden">Account menu for {user.name}</span>
            <IconChevronDown size={14} aria-hidden />
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Signed in as</Menu.Label>
          <Text size="sm" px="sm" pb="xs" truncate="end">
            {user.email}
          </Text>
          <Menu.Divider />
          <Menu.Item leftSection={<IconBell size={16} aria-hidden />} onClick={notifications.open}>
            Notifications
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLogout size={16} aria-hidden />}
            onClick={() =>
              logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })
            }
          >
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
    </>
  );
}

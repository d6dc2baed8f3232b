import { ROLE_LABELS } from '@gapline/domain';
import { Anchor, AppShell, Badge, Burger, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useEffect } from 'react';
import { Link, Outlet, NavLink as RouterNavLink, useLocation, useParams } from 'react-router';
import { CenteredLayout } from '../../../ui/CenteredLayout';
import { ErrorState } from '../../../ui/ErrorState';
import { FullPageLoader } from '../../../ui/FullPageLoader';
import { Logo } from '../../../ui/Logo';
import { AlertsNavBadge } from '../../alerts/components/AlertsNavBadge';
import { useMe } from '../api/use-me';
import { CurrentOrgContext } from '../current-org';
import { sectionsFor } from '../sections';
import { OrgSwitcher } from './OrgSwitcher';
import { UserMenu } from './UserMenu';

/** The signed-in frame of `/orgs/:orgId/...`: header with organisation switcher and user menu, section navigation. */
export function AppLayout() {
  const { orgId = '' } = useParams();
  const me = useMe();
  const [navOpened, nav] = useDisclosure(false);
  const location = useLocation();

  // Close the mobile navigation after choosing a section.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on navigation
  useEffect(() => nav.close(), [location.pathname]);

  if (me.isPending) return <FullPageLoader label="Loading your organisations…" />;
  if (me.isError) {
    return (
      <CenteredLayout title="Gapline is not responding">
        <ErrorState error={me.error} onRetry={() => me.refetch()} retrying={me.isFetching} />
      </CenteredLayout>
    );
  }

  const membership = me.data.memberships.find((m) => m.orgId === orgId);
  if (!membership) {
    return (
      <CenteredLayout
        title="Organisation not found"
        subtitle="It does not exist, or you are not a member of it (any more)."
      >
        <Anchor component={Link} to="/">
          Go to your organisations
        </Anchor>
      </CenteredLayout>
    );
  }

  const sections = sectionsFor(membership.role);

  return (
    <CurrentOrgContext.Provider value={membership}>
      <a href="#main-content" className="skip-link">
        Skip to content
      </a>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
        padding="lg"
      >
        <AppShell.Header>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Group gap="md" wrap="nowrap">
              <Burger
                opened={navOpened}
                onClick={nav.toggle}
                hiddenFrom="sm"
                size="sm"
                aria-label={navOpened ? 'Close navigation' : 'Open navigation'}
              />
              <Anchor
                component={Link}
                to={`/orgs/${orgId}/overview`}
                underline="never"
                c="inherit"
                aria-label="Gapline overview"
                visibleFrom="xs"
              >
                <Logo />
              </Anchor>
              <OrgSwitcher current={membership} memberships={me.data.memberships} />
            </Group>
            <UserMenu />
          </Group>
        </AppShell.Header>

        <AppShell.Navbar p="sm" aria-label="Sections">
          <AppShell.Section grow component={ScrollArea}>
            <Stack gap={4}>
              {sections.map((section) => (
                <NavLink
                  key={section.path}
                  component={RouterNavLink}
                  to={`/orgs/${orgId}/${section.path}`}
                  active={location.pathname.startsWith(`/orgs/${orgId}/${section.path}`)}
                  label={section.label}
                  leftSection={<section.icon size={18} stroke={1.6} aria-hidden />}
                  rightSection={section.path === 'alerts' ? <AlertsNavBadge orgId={orgId} /> : undefined}
                  style={{ borderRadius: 'var(--mantine-radius-sm)' }}
                />
              ))}
            </Stack>
          </AppShell.Section>
          <AppShell.Section pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
            <Text size="xs" c="dimmed">
              Your role
            </Text>
            <Badge variant="light" mt={4}>
              {ROLE_LABELS[membership.role]}
            </Badge>
          </AppShell.Section>
        </AppShell.Navbar>

        <AppShell.Main id="main-content" tabIndex={-1}>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </CurrentOrgContext.Provider>
  );
}

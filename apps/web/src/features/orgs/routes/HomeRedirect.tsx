import { Button, EmptyState, Stack, Text } from '@mantine/core';
import { IconBuildingCommunity } from '@tabler/icons-react';
import { Navigate, useNavigate } from 'react-router';
import { CenteredLayout } from '../../../ui/CenteredLayout';
import { ErrorState } from '../../../ui/ErrorState';
import { FullPageLoader } from '../../../ui/FullPageLoader';
import { useLogout } from '../../auth/api/use-auth';
import { useMe } from '../api/use-me';

/** `/`: open the first organisation, or explain what to do without one. */
export function HomeRedirect() {
  const me = useMe();
  if (me.isPending) return <FullPageLoader label="Loading your organisations…" />;
  if (me.isError) {
    return (
      <CenteredLayout title="Gapline is not responding">
        <ErrorState error={me.error} onRetry={() => me.refetch()} retrying={me.isFetching} />
      </CenteredLayout>
    );
  }
  const first = me.data.memberships[0];
  if (first) return <Navigate to={`/orgs/${first.orgId}/overview`} replace />;
  return <NoOrganisation email={me.data.user.email} />;
}

function NoOrganisation({ email }: { email: string }) {
  const logout = useLogout();
  const navigate = useNavigate();
  return (
    <CenteredLayout title="You belong to no organisation yet">
      <EmptyState
        icon={<IconBuildingCommunity aria-hidden />}
        withIndicatorBackground
        title="Waiting for an invitation"
        description={
          <Stack gap="xs">
            <Text size="sm" c="dimmed">
              Ask an admin of your organisation to invite <strong>{email}</strong>. Open the link in the
              invitation e-mail and you will land in their portfolio.
            </Text>
            <Text size="sm" c="dimmed">
              Setting up Gapline for a new organisation? Sign out and create an account with its name.
            </Text>
          </Stack>
        }
      >
        <EmptyState.Actions>
          <Button
            variant="default"
            loading={logout.isPending}
            onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/register') })}
          >
            Sign out
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    </CenteredLayout>
  );
}

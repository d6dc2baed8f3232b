import { ROLE_LABELS, ROLES } from '@gapline/domain';
import { BarChart } from '@mantine/charts';
import {
  Button,
  Card,
  EmptyState,
  Group,
  List,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconBulb, IconCoin, IconShieldCheck, IconTargetArrow, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ErrorState } from '../../../ui/ErrorState';
import { formatDate } from '../../../ui/format';
import { PageHeader } from '../../../ui/PageHeader';
import { useMembers } from '../../members/api/use-members';
import { useOrganization } from '../api/use-org';
import { useCan, useCurrentOrg } from '../current-org';

function StatCard({ label, value, icon }: { label: string; value: ReactNode; icon: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-label={label}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {label}
          </Text>
          <Text fz="xl" fw={700} component="div">
            {value}
          </Text>
        </Stack>
        <ThemeIcon variant="light" size="lg" radius="md" aria-hidden>
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

export function OverviewPage() {
  const membership = useCurrentOrg();
  const org = useOrganization(membership.orgId);
  const members = useMembers(membership.orgId);
  const canManageMembers = useCan('members.manage');

  const byRole = ROLES.map((role) => ({
    role: ROLE_LABELS[role],
    members: members.data?.filter((m) => m.role === role).length ?? 0,
  }));

  return (
    <>
      <PageHeader
        title={org.data?.name ?? membership.orgName}
        description={
          org.data
            ? `Organisation since ${formatDate(org.data.createdAt)} · amounts in ${org.data.currency}`
            : undefined
        }
      />
      {org.isError && (
        <ErrorState error={org.error} onRetry={() => org.refetch()} retrying={org.isFetching} />
      )}

      <SimpleGrid cols={{ base: 1, sm: 3 }} mb="xl">
        <StatCard
          label="Your role"
          value={ROLE_LABELS[membership.role]}
          icon={<IconShieldCheck size={20} />}
        />
        <StatCard
          label="Members"
          value={
            members.isPending ? (
              <Skeleton height={28} width={48} mt={2} aria-label="Loading member count" />
            ) : members.isError ? (
              <Text c="red" size="sm" component="span">
                Unavailable
              </Text>
            ) : (
              members.data.length
            )
          }
          icon={<IconUsers size={20} />}
        />
        <StatCard label="Currency" value={org.data?.currency ?? '…'} icon={<IconCoin size={20} />} />
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        <Card withBorder radius="md" padding="lg">
          <EmptyState
            align="left"
            variant="light"
            icon={<IconBulb aria-hidden />}
            title="Your AI portfolio will live here"
            description="Gapline tracks every AI initiative in your organisation, from idea to measured value."
          >
            <List size="sm" spacing={6} mt="xs" c="dimmed" icon={<IconTargetArrow size={16} aria-hidden />}>
              <List.Item>Collect initiatives with an owner, stage and expected benefit</List.Item>
              <List.Item>Follow costs against budget with your finance team</List.Item>
              <List.Item>Prove value with measured outcomes and a tamper-evident audit trail</List.Item>
            </List>
            <EmptyState.Actions>
              <Button component={Link} to={`/orgs/${membership.orgId}/members`} variant="light">
                {canManageMembers ? 'Invite your team' : 'See who is here'}
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </Card>

        <Card withBorder radius="md" padding="lg" component="section" aria-labelledby="team-by-role">
          <Title order={2} fz="h4" id="team-by-role" mb="md">
            Team by role
          </Title>
          {members.isPending ? (
            <Skeleton height={200} />
          ) : members.isError ? (
            <ErrorState
              error={members.error}
              onRetry={() => members.refetch()}
              retrying={members.isFetching}
            />
          ) : (
            <BarChart
              h={200}
              data={byRole}
              dataKey="role"
              series={[{ name: 'members', label: 'Members', color: 'indigo.6' }]}
              tickLine="none"
              gridAxis="y"
              yAxisProps={{ allowDecimals: false }}
              aria-label={byRole.map((r) => `${r.role}: ${r.members}`).join(', ')}
            />
          )}
        </Card>
      </SimpleGrid>
    </>
  );
}

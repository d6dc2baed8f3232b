import { Alert, Button, Card, EmptyState, Group, Loader, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconDownload, IconHistory, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { ErrorState } from '../../../ui/ErrorState';
import { LoadMoreFooter } from '../../../ui/LoadMoreFooter';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { useMembers } from '../../members/api/use-members';
import { useCurrentOrg } from '../../orgs/current-org';
import {
  type AuditFilters,
  EMPTY_FILTERS,
  useAuditEvents,
  useExportAudit,
  useVerifyAuditChain,
} from '../api/use-audit';
import { AuditFiltersBar } from '../components/AuditFiltersBar';
import { AuditTable } from '../components/AuditTable';

function exportFileName(orgName: string): string {
  const slug =
    orgName
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'organisation';
  return `gapline-audit-${slug}-${new Date().toISOString().slice(0, 10)}.ndjson`;
}

export function AuditPage() {
  const { orgId, orgName } = useCurrentOrg();
  const [filters, setFilters] = useState<AuditFilters>(EMPTY_FILTERS);
  const [debouncedFilters] = useDebouncedValue(filters, 250);
  const validRange = !(
    debouncedFilters.fromDay &&
    debouncedFilters.toDay &&
    debouncedFilters.fromDay > debouncedFilters.toDay
  );
  const events = useAuditEvents(orgId, validRange ? debouncedFilters : { ...debouncedFilters, toDay: '' });
  const members = useMembers(orgId);
  const verify = useVerifyAuditChain(orgId);
  const exporter = useExportAudit(orgId);

  const items = events.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = JSON.stringify(filters) !== JSON.stringify(EMPTY_FILTERS);

  return (
    <>
      <PageHeader
        title="Audit trail"
        description="Every change in this organisation, newest first. Events are hash-chained, so any tampering shows up when you verify the chain."
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconShieldCheck size={18} aria-hidden />}
              loading={verify.isPending}
              onClick={() => verify.mutate()}
            >
              Verify chain
            </Button>
            <Button
              variant="default"
              leftSection={<IconDownload size={18} aria-hidden />}
              loading={exporter.isPending}
              onClick={() =>
                exporter.mutate(exportFileName(orgName), {
                  onSuccess: () => notifySuccess('The audit trail was downloaded as NDJSON.', 'Export ready'),
                  onError: (error) => notifyError(error, 'Could not export the audit trail'),
                })
              }
            >
              Export
            </Button>
          </>
        }
      />

      <div aria-live="polite">
        {verify.isSuccess &&
          (verify.data.valid ? (
            <Alert
              mb="lg"
              color="teal"
              variant="light"
              icon={<IconShieldCheck aria-hidden />}
              title="The chain is intact"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => verify.reset()}
            >
              All {verify.data.checked} events were checked; none was altered, removed or reordered.
            </Alert>
          ) : (
            <Alert
              mb="lg"
              color="red"
              variant="filled"
              icon={<IconShieldX aria-hidden />}
              title="The chain is broken"
              withCloseButton
              closeButtonLabel="Dismiss"
              onClose={() => verify.reset()}
            >
              {verify.data.brokenAtSeq ? `At event #${verify.data.brokenAtSeq}: ` : ''}
              {verify.data.problem ?? 'An event does not match its recorded hash.'} ({verify.data.checked}{' '}
              events checked.) Export the trail and contact support.
            </Alert>
          ))}
        {verify.isError && (
          <Alert
            mb="lg"
            color="red"
            variant="light"
            title="Could not verify the chain"
            withCloseButton
            onClose={() => verify.reset()}
            closeButtonLabel="Dismiss"
          >
            {errorMessage(verify.error)}
          </Alert>
        )}
      </div>

      <Card withBorder radius="md" padding="md" component="section" aria-label="Audit events">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <AuditFiltersBar value={filters} onChange={setFilters} members={members.data ?? []} />
            {events.isFetching && !events.isFetchingNextPage && !events.isPending && (
              <Loader size="sm" aria-label="Updating" />
            )}
          </Group>

          {events.isPending ? (
            <TableSkeleton rows={6} label="Loading audit events" />
          ) : events.isError ? (
            <ErrorState
              title="We could not load the audit trail"
              error={events.error}
              onRetry={() => events.refetch()}
              retrying={events.isFetching}
            />
          ) : items.length === 0 ? (
            <EmptyState
              icon={<IconHistory aria-hidden />}
              withIndicatorBackground
              title={filtered ? 'No events match these filters' : 'No events yet'}
              description={
                filtered
                  ? 'Widen the date range or clear a filter to see more.'
                  : 'Changes to the organisation, its members and invitations will be recorded here.'
              }
            >
              {filtered && (
                <EmptyState.Actions>
                  <Button variant="light" onClick={() => setFilters(EMPTY_FILTERS)}>
                    Clear filters
                  </Button>
                </EmptyState.Actions>
              )}
            </EmptyState>
          ) : (
            <>
              <AuditTable events={items} />
              <LoadMoreFooter page={events} count={items.length} noun={['event', 'events']} />
            </>
          )}
        </Stack>
      </Card>
    </>
  );
}

import { Alert, Button, Card, Group, Skeleton, Stack, Text, TextInput, Title } from '@mantine/core';
import { hasLength, useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { applyServerErrors } from '../../../ui/form-errors';
import { notifySuccess } from '../../../ui/notify';
import { PageHeader } from '../../../ui/PageHeader';
import { useSettings } from '../../settings/api/use-settings';
import { ChecklistTemplate } from '../../settings/components/ChecklistTemplate';
import { ThresholdsForm } from '../../settings/components/ThresholdsForm';
import { WebhooksSettings } from '../../webhooks/components/WebhooksSettings';
import { useOrganization, useUpdateOrganization } from '../api/use-org';
import { useCan, useCurrentOrg } from '../current-org';

export function SettingsPage() {
  const { orgId } = useCurrentOrg();
  const org = useOrganization(orgId);
  const settings = useSettings(orgId);
  const canManageWebhooks = useCan('webhooks.manage');

  return (
    <>
      <PageHeader
        title="Settings"
        description="How your organisation appears to everyone in it, the thresholds of the decision guide, the checklist every initiative follows, and where alerts are sent."
      />
      <Card
        withBorder
        radius="md"
        padding="lg"
        maw={880}
        component="section"
        aria-labelledby="org-name-heading"
      >
        <Title order={2} fz="h4" id="org-name-heading" mb="md">
          Organisation name
        </Title>
        {org.isPending ? (
          <Stack>
            <Skeleton height={36} />
            <Skeleton height={36} width={120} />
          </Stack>
        ) : org.isError ? (
          <ErrorState error={org.error} onRetry={() => org.refetch()} retrying={org.isFetching} />
        ) : (
          <RenameForm key={org.data.id} orgId={orgId} name={org.data.name} />
        )}
      </Card>

      <Card
        withBorder
        radius="md"
        padding="lg"
        mt="lg"
        maw={880}
        component="section"
        aria-labelledby="thresholds-heading"
      >
        <Title order={2} fz="h4" id="thresholds-heading">
          Thresholds
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          When an initiative counts as stalled, when a production criterion applies, and how much of the
          checklist makes it production-ready.
        </Text>
        {settings.isPending ? (
          <Stack>
            <Skeleton height={90} />
            <Skeleton height={160} />
            <Skeleton height={90} />
          </Stack>
        ) : settings.isError ? (
          <ErrorState
            error={settings.error}
            onRetry={() => settings.refetch()}
            retrying={settings.isFetching}
          />
        ) : (
          <ThresholdsForm key={JSON.stringify(settings.data)} orgId={orgId} settings={settings.data} />
        )}
      </Card>

      <Card
        withBorder
        radius="md"
        padding="lg"
        mt="lg"
        maw={880}
        component="section"
        aria-labelledby="template-heading"
      >
        <Title order={2} fz="h4" id="template-heading">
          Checklist template
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          The capabilities every initiative is checked against. Retiring one takes it off the checklists and
          keeps its history; the five always-required ones cannot be retired.
        </Text>
        <ChecklistTemplate orgId={orgId} />
      </Card>

      {canManageWebhooks && (
        <Card
          withBorder
          radius="md"
          padding="lg"
          mt="lg"
          maw={880}
          component="section"
          aria-labelledby="webhooks-heading"
        >
          <Title order={2} fz="h4" id="webhooks-heading">
            Webhooks
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            Post alerts to other tools as they open. Every request is signed, and failed deliveries are
            retried.
          </Text>
          <WebhooksSettings orgId={orgId} />
        </Card>
      )}
    </>
  );
}

function RenameForm({ orgId, name }: { orgId: string; name: string }) {
  const update = useUpdateOrganization(orgId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { name },
    validate: {
      name: (value) =>
        value.trim().length === 0
          ? 'Enter a name'
          : hasLength({ max: 100 }, 'Use at most 100 characters')(value),
    },
  });

  // Follow renames made elsewhere while the form is untouched.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the saved name changes
  useEffect(() => {
    if (!form.isDirty()) form.setInitialValues({ name });
    if (!form.isDirty()) form.setValues({ name });
  }, [name]);

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const next = values.name.trim();
    update.mutate(
      { name: next },
      {
        onSuccess: (org) => {
          form.setInitialValues({ name: org.name });
          form.setValues({ name: org.name });
          notifySuccess(`The organisation is now called “${org.name}”.`, 'Name saved');
        },
        onError: (error) => setFormError(applyServerErrors(form, error, ['name'])),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Rename the organisation">
      <Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="Name"
          description="Shown in the organisation switcher and in invitations."
          required
          maxLength={100}
          {...form.getInputProps('name')}
        />
        <Group>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            Save name
          </Button>
          {form.isDirty() && (
            <Button variant="subtle" color="gray" onClick={() => form.reset()}>
              Discard changes
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

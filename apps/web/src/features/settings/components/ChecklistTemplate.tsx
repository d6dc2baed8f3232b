import { ALWAYS_REQUIRED, CAPABILITY_GROUPS, type CapabilityGroup } from '@gapline/domain';
import {
  Alert,
  Badge,
  Button,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { applyServerErrors } from '../../../ui/form-errors';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { GROUP_LABELS } from '../../projects/labels';
import {
  type Capability,
  useCapabilities,
  useCreateCapability,
  useUpdateCapability,
} from '../api/use-settings';

const GROUP_OPTIONS = CAPABILITY_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] }));

/** The capabilities every initiative's checklist is made of. */
export function ChecklistTemplate({ orgId }: { orgId: string }) {
  const capabilities = useCapabilities(orgId);
  if (capabilities.isPending) return <TableSkeleton rows={6} label="Loading the checklist template" />;
  if (capabilities.isError) {
    return (
      <ErrorState
        error={capabilities.error}
        onRetry={() => capabilities.refetch()}
        retrying={capabilities.isFetching}
      />
    );
  }
  const sorted = [...capabilities.data].sort(
    (a, b) =>
      CAPABILITY_GROUPS.indexOf(a.group) - CAPABILITY_GROUPS.indexOf(b.group) || a.name.localeCompare(b.name),
  );
  return (
    <Stack gap="lg">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Capability</Table.Th>
              <Table.Th scope="col">Group</Table.Th>
              <Table.Th scope="col">Origin</Table.Th>
              <Table.Th scope="col">In use</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sorted.map((c) => (
              <CapabilityRow key={c.key} orgId={orgId} capability={c} />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <AddCapabilityForm orgId={orgId} existing={capabilities.data.map((c) => c.key)} />
    </Stack>
  );
}

function CapabilityRow({ orgId, capability: c }: { orgId: string; capability: Capability }) {
  const update = useUpdateCapability(orgId);
  const alwaysRequired = ALWAYS_REQUIRED.includes(c.key);
  const active = c.retiredAt === null;
  const toggle = (
    <Switch
      checked={active}
      disabled={alwaysRequired || update.isPending}
      aria-label={`${active ? 'Retire' : 'Restore'} ${c.name}`}
      label={active ? 'Active' : 'Retired'}
      onChange={(event) =>
        update.mutate(
          { key: c.key, retired: !event.currentTarget.checked },
          {
            onSuccess: (saved) =>
              notifySuccess(
                saved.retiredAt
                  ? `“${saved.name}” is no longer on new checklists; history is kept.`
                  : `“${saved.name}” is back on the checklists.`,
                saved.retiredAt ? 'Capability retired' : 'Capability restored',
              ),
            onError: (error) => notifyError(error, `Could not change “${c.name}”`),
          },
        )
      }
    />
  );
  return (
    <Table.Tr opacity={active ? 1 : 0.6}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {c.name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {c.key}
        </Text>
        {c.description && (
          <Text size="xs" c="dimmed" maw={480}>
            {c.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{GROUP_LABELS[c.group]}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {c.builtIn ? (
            <Badge variant="light" size="sm">
              Built-in
            </Badge>
          ) : (
            <Badge variant="default" size="sm">
              Custom
            </Badge>
          )}
          {alwaysRequired && (
            <Badge variant="light" color="red" size="sm">
              Always required
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td>
        {alwaysRequired ? (
          <Tooltip
            label="Always required: part of the minimum MLOps infrastructure, it cannot be retired"
            withArrow
          >
            <span style={{ display: 'inline-block' }}>{toggle}</span>
          </Tooltip>
        ) : (
          toggle
        )}
      </Table.Td>
    </Table.Tr>
  );
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function AddCapabilityForm({ orgId, existing }: { orgId: string; existing: string[] }) {
  const create = useCreateCapability(orgId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { key: '', name: '', group: 'governance' as CapabilityGroup, description: '' },
    validate: {
      key: (v) =>
        !SLUG.test(v)
          ? 'Use lowercase words with dashes, e.g. fairness-review'
          : existing.includes(v)
            ? 'This key is taken'
            : v.length > 60
              ? 'Use at most 60 characters'
              : null,
      name: (v) => (v.trim() ? (v.length > 120 ? 'Use at most 120 characters' : null) : 'Enter a name'),
      group: (v) => (CAPABILITY_GROUPS.includes(v) ? null : 'Choose a group'),
      description: (v) => (v.length > 1000 ? 'Use at most 1,000 characters' : null),
    },
  });
  const submit = form.onSubmit((values) => {
    setFormError(null);
    create.mutate(
      {
        key: values.key,
        name: values.name.trim(),
        group: values.group,
        description: values.description.trim(),
      },
      {
        onSuccess: (c) => {
          form.reset();
          notifySuccess(`“${c.name}” is now on every active initiative's checklist.`, 'Capability added');
        },
        onError: (error) =>
          setFormError(applyServerErrors(form, error, ['key', 'name', 'group', 'description'])),
      },
    );
  });
  return (
    <form onSubmit={submit} noValidate aria-labelledby="add-capability-heading">
      <Title order={3} fz="h5" id="add-capability-heading" mb="sm">
        Add a capability
      </Title>
      <Stack gap="sm">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Key" placeholder="fairness-review" required {...form.getInputProps('key')} />
          <TextInput
            label="Name"
            placeholder="Fairness review"
            required
            maxLength={120}
            {...form.getInputProps('name')}
          />
          <Select
            label="Group"
            data={GROUP_OPTIONS}
            allowDeselect={false}
            required
            {...form.getInputProps('group')}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('description')}
        />
        <Group>
          <Button
            type="submit"
            variant="light"
            loading={create.isPending}
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            Add capability
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

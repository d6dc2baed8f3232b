import {
  COST_CATEGORIES,
  type CostCategory,
  SPEND_STAGES,
  type SpendStage,
  STAGE_LABELS,
  type Stage,
} from '@gapline/domain';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  EmptyState,
  Group,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconPencil, IconPlus, IconReceipt, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { ConfirmModal } from '../../../ui/ConfirmModal';
import { applyServerErrors } from '../../../ui/form-errors';
import { formatDate } from '../../../ui/format';
import { MoneyInput } from '../../../ui/MoneyInput';
import { formatMoneyExact, isBlank, toMajor, toMinor } from '../../../ui/money';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { type CostEntry, type Costs, useAddCost, useDeleteCost, useUpdateCost } from '../api/use-costs';
import { CATEGORY_LABELS } from '../labels';
import { Panel } from './Panel';

const CATEGORY_OPTIONS = COST_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));
const STAGE_OPTIONS = SPEND_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }));
const FIELDS = ['date', 'amount', 'category', 'stage', 'note'] as const;

interface EntryValues {
  date: string;
  /** Major units. */
  amount: number | string;
  category: CostCategory | null;
  stage: SpendStage | null;
  note: string;
}

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

const isSpendStage = (stage: Stage): stage is SpendStage =>
  (SPEND_STAGES as readonly Stage[]).includes(stage);

function useEntryForm(initial: EntryValues) {
  return useForm<EntryValues>({
    mode: 'controlled',
    initialValues: initial,
    validate: {
      date: (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v) ? null : 'Enter the date the cost was incurred'),
      amount: (v) => (isBlank(v) || Number(v) <= 0 ? 'Enter an amount above zero' : null),
      category: (v) => (v ? null : 'Choose a category'),
    },
  });
}

interface CostEntriesProps {
  orgId: string;
  projectId: string;
  projectStage: Stage;
  costs: Costs;
}

/** The ledger: add, edit and delete cost entries (read only when you may not record costs). */
export function CostEntries({ orgId, projectId, projectStage, costs }: CostEntriesProps) {
  const [editing, setEditing] = useState<CostEntry | null>(null);
  const [deleting, setDeleting] = useState<CostEntry | null>(null);
  const remove = useDeleteCost(orgId, projectId);
  const money = (minor: number) => formatMoneyExact(minor, costs.currency);
  const total = costs.entries.reduce((t, e) => t + e.amount, 0);
  const defaultStage = isSpendStage(projectStage) ? projectStage : null;

  return (
    <Panel
      id="entries-heading"
      title="Cost entries"
      aside={
        costs.entries.length > 0 && (
          <Text size="sm" c="dimmed">
            {costs.entries.length} entr{costs.entries.length === 1 ? 'y' : 'ies'} · {money(total)} in total
          </Text>
        )
      }
    >
      <Stack gap="md">
        {costs.canEdit ? (
          <AddEntryForm orgId={orgId} projectId={projectId} costs={costs} defaultStage={defaultStage} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="costs-read-only">
            Read only: finance, admins and the initiative’s owner record costs.
          </Text>
        )}

        {costs.entries.length === 0 ? (
          <EmptyState
            variant="light"
            icon={<IconReceipt aria-hidden />}
            title="No costs recorded"
            description={
              costs.canEdit
                ? 'Record what the initiative has cost so far, with the form above: the date, the amount and what it was for.'
                : 'Nothing has been recorded for this initiative yet.'
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing="xs" highlightOnHover data-testid="cost-entries">
              <Table.Caption className="visually-hidden">Cost entries, newest first</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Date</Table.Th>
                  <Table.Th scope="col">Category</Table.Th>
                  <Table.Th scope="col">Stage</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Amount
                  </Table.Th>
                  <Table.Th scope="col">Note</Table.Th>
                  {costs.canEdit && (
                    <Table.Th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </Table.Th>
                  )}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {costs.entries.map((e) => (
                  <Table.Tr key={e.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <time dateTime={e.date}>{formatDate(`${e.date}T00:00:00`)}</time>
                    </Table.Td>
                    <Table.Td>{CATEGORY_LABELS[e.category]}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color="gray" tt="none">
                        {STAGE_LABELS[e.stage]}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                      {money(e.amount)}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={e.note ? undefined : 'dimmed'} lineClamp={2}>
                        {e.note || '—'}
                      </Text>
                    </Table.Td>
                    {costs.canEdit && (
                      <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                        <Tooltip label="Edit entry">
                          <ActionIcon
                            variant="subtle"
                            aria-label={`Edit the entry of ${formatDate(`${e.date}T00:00:00`)}, ${money(e.amount)}`}
                            onClick={() => setEditing(e)}
                          >
                            <IconPencil size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                        <Tooltip label="Delete entry">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Delete the entry of ${formatDate(`${e.date}T00:00:00`)}, ${money(e.amount)}`}
                            onClick={() => setDeleting(e)}
                          >
                            <IconTrash size={18} aria-hidden />
                          </ActionIcon>
                        </Tooltip>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title="Edit cost entry" centered>
        {editing && (
          <EditEntryForm
            orgId={orgId}
            projectId={projectId}
            currency={costs.currency}
            entry={editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <ConfirmModal
        opened={deleting !== null}
        title="Delete this cost entry?"
        confirmLabel="Delete entry"
        loading={remove.isPending}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              setDeleting(null);
              notifySuccess('The cost entry was deleted.', 'Entry deleted');
            },
            onError: (error) => {
              setDeleting(null);
              notifyError(error, 'Could not delete the entry');
            },
          })
        }
      >
        {deleting &&
          `${money(deleting.amount)} for ${CATEGORY_LABELS[deleting.category]} on ${formatDate(`${deleting.date}T00:00:00`)} will no longer count towards spend, the projection and the alerts. The deletion is recorded in the audit trail.`}
      </ConfirmModal>
    </Panel>
  );
}

function AddEntryForm({
  orgId,
  projectId,
  costs,
  defaultStage,
}: {
  orgId: string;
  projectId: string;
  costs: Costs;
  defaultStage: SpendStage | null;
}) {
  const add = useAddCost(orgId, projectId);
  const amountRef = useRef<HTMLInputElement>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useEntryForm({ date: today(), amount: '', category: null, stage: defaultStage, note: '' });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    add.mutate(
      {
        date: values.date,
        amount: toMinor(values.amount) ?? 0,
        category: values.category as CostCategory,
        stage: values.stage ?? undefined,
        note: values.note.trim() || undefined,
      },
      {
        onSuccess: (entry) => {
          notifySuccess(
            `${formatMoneyExact(entry.amount, costs.currency)} for ${CATEGORY_LABELS[entry.category]} was recorded.`,
            'Cost added',
          );
          // Keep date, category and stage for the next line of a batch; clear the rest.
          form.setValues({ amount: '', note: '' });
          form.resetDirty();
          amountRef.current?.focus();
        },
        onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Add a cost entry">
      <Stack gap="xs">
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput label="Date" type="date" required w={160} {...form.getInputProps('date')} />
          <MoneyInput
            ref={amountRef}
            currency={costs.currency}
            label="Amount"
            required
            w={180}
            {...form.getInputProps('amount')}
          />
          <Select
            label="Category"
            placeholder="Choose"
            data={CATEGORY_OPTIONS}
            required
            allowDeselect={false}
            w={180}
            {...form.getInputProps('category')}
          />
          <Select
            label="Stage"
            placeholder="Current stage"
            data={STAGE_OPTIONS}
            clearable
            w={170}
            {...form.getInputProps('stage')}
          />
          <TextInput
            label="Note"
            placeholder="e.g. GPU hours, March"
            maxLength={500}
            miw={180}
            style={{ flex: 1 }}
            {...form.getInputProps('note')}
          />
          <Button
            type="submit"
            mt={25}
            loading={add.isPending}
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            Add cost
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditEntryForm({
  orgId,
  projectId,
  currency,
  entry,
  onDone,
}: {
  orgId: string;
  projectId: string;
  currency: string;
  entry: CostEntry;
  onDone: () => void;
}) {
  const update = useUpdateCost(orgId, projectId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useEntryForm({
    date: entry.date,
    amount: toMajor(entry.amount),
    category: entry.category,
    stage: entry.stage,
    note: entry.note,
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    update.mutate(
      {
        costId: entry.id,
        date: values.date,
        amount: toMinor(values.amount) ?? 0,
        category: values.category as CostCategory,
        stage: values.stage ?? undefined,
        note: values.note.trim(),
      },
      {
        onSuccess: () => {
          notifySuccess('The cost entry was updated.', 'Entry saved');
          onDone();
        },
        onError: (error) => setFormError(applyServerErrors(form, error, FIELDS)),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Edit the cost entry">
      <Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={2}>
          <TextInput label="Date" type="date" required data-autofocus {...form.getInputProps('date')} />
          <MoneyInput currency={currency} label="Amount" required {...form.getInputProps('amount')} />
          <Select
            label="Category"
            data={CATEGORY_OPTIONS}
            required
            allowDeselect={false}
            {...form.getInputProps('category')}
          />
          <Select
            label="Stage"
            data={STAGE_OPTIONS}
            required
            allowDeselect={false}
            {...form.getInputProps('stage')}
          />
        </SimpleGrid>
        <TextInput label="Note" maxLength={500} {...form.getInputProps('note')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save entry
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import { CAPABILITY_GROUPS, ITEM_STATUSES, type ItemStatus } from '@gapline/domain';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Collapse,
  EmptyState,
  Group,
  Kbd,
  Loader,
  Modal,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  IconChevronDown,
  IconChevronRight,
  IconEye,
  IconLink,
  IconListCheck,
  IconPlus,
} from '@tabler/icons-react';
import { type KeyboardEvent, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { applyServerErrors } from '../../../ui/form-errors';
import { formatDate } from '../../../ui/format';
import { notifyError } from '../../../ui/notify';
import { TableSkeleton } from '../../../ui/TableSkeleton';
import { type Member, useMembers } from '../../members/api/use-members';
import type { ChecklistItem, ItemPatch } from '../api/types';
import { useAddEvidence, useChecklist, useUpdateChecklistItem } from '../api/use-checklist';
import { GROUP_LABELS, ITEM_STATUS_LABELS } from '../labels';
import { ReadinessSummary } from './ReadinessSummary';

const STATUS_COLORS: Record<ItemStatus, string> = {
  NOT_STARTED: 'gray',
  IN_PROGRESS: 'blue',
  DONE: 'teal',
  NOT_APPLICABLE: 'dark',
};

/** Typing in a field must not change the status. */
function isTextEntry(target: EventTarget): boolean {
  const el = target as HTMLElement;
  if (el.tagName === 'TEXTAREA' || el.isContentEditable) return true;
  if (el.tagName === 'INPUT') return !['radio', 'checkbox', 'button'].includes((el as HTMLInputElement).type);
  return el.getAttribute('role') === 'combobox';
}

/** The checklist of one initiative, made for fast updates: one click or one key per status. */
export function ChecklistView({ orgId, projectId }: { orgId: string; projectId: string }) {
  const checklist = useChecklist(orgId, projectId);
  const members = useMembers(orgId);
  const [announcement, setAnnouncement] = useState('');

  if (checklist.isPending) return <TableSkeleton rows={8} label="Loading the checklist" />;
  if (checklist.isError) {
    return (
      <ErrorState
        title="We could not load the checklist"
        error={checklist.error}
        onRetry={() => checklist.refetch()}
        retrying={checklist.isFetching}
      />
    );
  }
  const { items, readiness, canEdit } = checklist.data;
  const names = Object.fromEntries(items.map((i) => [i.key, i.name]));
  if (items.length === 0) {
    return (
      <EmptyState
        icon={<IconListCheck aria-hidden />}
        withIndicatorBackground
        title="The checklist is empty"
        description="An admin can add capabilities to the checklist template in Settings."
      />
    );
  }

  return (
    <Stack gap="lg">
      <Card
        withBorder
        radius="md"
        padding="md"
        shadow="sm"
        className="sticky-summary"
        component="section"
        aria-label="Readiness"
      >
        <ReadinessSummary readiness={readiness} names={names} compact />
        {canEdit ? (
          <Text size="xs" c="dimmed" mt={6}>
            Tip: focus a row (Tab) and press <Kbd size="xs">1</Kbd> not started, <Kbd size="xs">2</Kbd> in
            progress, <Kbd size="xs">3</Kbd> done, <Kbd size="xs">4</Kbd> not applicable.
          </Text>
        ) : (
          <Group gap={6} mt={6}>
            <IconEye size={14} aria-hidden />
            <Text size="xs" c="dimmed">
              Read only: only the initiative's owner and admins can update the checklist.
            </Text>
          </Group>
        )}
      </Card>
      <div aria-live="polite" className="visually-hidden">
        {announcement}
      </div>

      {CAPABILITY_GROUPS.map((group) => {
        const groupItems = items.filter((i) => i.group === group);
        if (groupItems.length === 0) return null;
        const done = groupItems.filter((i) => i.status === 'DONE').length;
        return (
          <section key={group} aria-labelledby={`group-${group}`}>
            <Group justify="space-between" mb="xs">
              <Title order={3} fz="h5" id={`group-${group}`}>
                {GROUP_LABELS[group]}
              </Title>
              <Text size="xs" c="dimmed">
                {done} of {groupItems.length} done
              </Text>
            </Group>
            <Stack gap="xs">
              {groupItems.map((item) => (
                <ChecklistRow
                  key={item.key}
                  orgId={orgId}
                  projectId={projectId}
                  item={item}
                  canEdit={canEdit}
                  members={members.data ?? []}
                  onAnnounce={setAnnouncement}
                />
              ))}
            </Stack>
          </section>
        );
      })}
    </Stack>
  );
}

interface ChecklistRowProps {
  orgId: string;
  projectId: string;
  item: ChecklistItem;
  canEdit: boolean;
  members: Member[];
  onAnnounce: (message: string) => void;
}

function ChecklistRow({ orgId, projectId, item, canEdit, members, onAnnounce }: ChecklistRowProps) {
  const update = useUpdateChecklistItem(orgId, projectId);
  const [open, setOpen] = useState(false);
  const [naOpen, setNaOpen] = useState(false);
  const saving = update.isPending;
  const pendingStatus = saving ? update.variables?.patch.status : undefined;
  const status = pendingStatus ?? item.status;
  const detailsId = `item-details-${item.key}`;

  const save = (patch: ItemPatch, done?: () => void) =>
    update.mutate(
      { key: item.key, patch },
      {
        onSuccess: (checklist) => {
          done?.();
          if (patch.status) {
            const r = checklist.readiness;
            onAnnounce(
              `${item.name}: ${ITEM_STATUS_LABELS[patch.status]}. ${r.done} of ${r.applicable} done, ${r.ready ? 'ready' : 'not ready'}.`,
            );
          }
        },
        onError: (error) => notifyError(error, `Could not update ${item.name}`),
      },
    );

  const setStatus = (next: ItemStatus) => {
    if (!canEdit || saving || next === item.status) return;
    if (next === 'NOT_APPLICABLE') {
      if (item.alwaysRequired)
        onAnnounce(`${item.name} is always required and cannot be marked not applicable.`);
      else setNaOpen(true);
      return;
    }
    save({ status: next });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    if (!canEdit || event.altKey || event.ctrlKey || event.metaKey || isTextEntry(event.target)) return;
    const index = ['1', '2', '3', '4'].indexOf(event.key);
    const next = ITEM_STATUSES[index];
    if (!next) return;
    event.preventDefault();
    setStatus(next);
  };

  const meta = [
    item.assigneeName && `Assigned to ${item.assigneeName}`,
    item.dueDate && `Due ${formatDate(item.dueDate)}`,
    item.evidence.length > 0 &&
      `${item.evidence.length} evidence link${item.evidence.length === 1 ? '' : 's'}`,
    item.notes && 'Has notes',
  ].filter(Boolean) as string[];

  return (
    <fieldset
      className="checklist-row"
      tabIndex={canEdit ? 0 : undefined}
      aria-label={`${item.name}: ${ITEM_STATUS_LABELS[item.status]}`}
      aria-keyshortcuts={canEdit ? '1 2 3 4' : undefined}
      aria-busy={saving || undefined}
      data-saving={saving || undefined}
      data-testid={`item-${item.key}`}
      onKeyDown={onKeyDown}
    >
      <Group justify="space-between" wrap="wrap" align="flex-start" gap="sm">
        <div style={{ flex: '1 1 320px', minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text fw={600} size="sm">
              {item.name}
            </Text>
            {item.alwaysRequired ? (
              <Tooltip
                label="Minimum MLOps infrastructure: required for every initiative, never not applicable"
                withArrow
              >
                <Badge size="xs" color="red" variant="light">
                  Always required
                </Badge>
              </Tooltip>
            ) : (
              item.required && (
                <Tooltip label="Required by a production criterion that applies" withArrow>
                  <Badge size="xs" color="orange" variant="light">
                    Required
                  </Badge>
                </Tooltip>
              )
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {item.description}
          </Text>
          {meta.length > 0 && (
            <Text size="xs" mt={2}>
              {meta.join(' · ')}
            </Text>
          )}
          {item.status === 'NOT_APPLICABLE' && item.naJustification && (
            <Text size="xs" mt={2} fs="italic">
              Not applicable: {item.naJustification}
            </Text>
          )}
        </div>
        <Group gap="xs" wrap="nowrap">
          {saving && <Loader size="xs" aria-label={`Saving ${item.name}`} />}
          <SegmentedControl
            size="xs"
            aria-label={`Status of ${item.name}`}
            value={status}
            onChange={(value) => setStatus(value as ItemStatus)}
            readOnly={!canEdit || saving}
            color={STATUS_COLORS[status]}
            data={ITEM_STATUSES.map((s) => ({
              value: s,
              label: ITEM_STATUS_LABELS[s],
              disabled: s === 'NOT_APPLICABLE' && item.alwaysRequired,
            }))}
          />
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={`${open ? 'Hide' : 'Show'} details of ${item.name}`}
            onClick={() => setOpen((o) => !o)}
          >
            {open ? <IconChevronDown size={16} aria-hidden /> : <IconChevronRight size={16} aria-hidden />}
          </ActionIcon>
        </Group>
      </Group>

      <Collapse expanded={open} id={detailsId}>
        {open && (
          <ItemDetails
            orgId={orgId}
            projectId={projectId}
            item={item}
            canEdit={canEdit}
            members={members}
            saving={saving}
            onSave={save}
          />
        )}
      </Collapse>

      <NotApplicableModal
        item={item}
        opened={naOpen}
        saving={saving}
        onClose={() => setNaOpen(false)}
        onConfirm={(naJustification) =>
          save({ status: 'NOT_APPLICABLE', naJustification }, () => setNaOpen(false))
        }
      />
    </fieldset>
  );
}

function ItemDetails({
  orgId,
  projectId,
  item,
  canEdit,
  members,
  saving,
  onSave,
}: {
  orgId: string;
  projectId: string;
  item: ChecklistItem;
  canEdit: boolean;
  members: Member[];
  saving: boolean;
  onSave: (patch: ItemPatch, done?: () => void) => void;
}) {
  const [notes, setNotes] = useState(item.notes);
  const [due, setDue] = useState(item.dueDate ?? '');
  const notesDirty = notes !== item.notes;

  if (!canEdit) {
    return (
      <Stack gap="xs" mt="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Assignee:{' '}
            </Text>
            {item.assigneeName ?? 'Nobody'}
          </Text>
          <Text size="sm">
            <Text span c="dimmed" size="sm">
              Due:{' '}
            </Text>
            {item.dueDate ? formatDate(item.dueDate) : 'No date'}
          </Text>
        </SimpleGrid>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <Text span c="dimmed" size="sm">
            Notes:{' '}
          </Text>
          {item.notes || 'None'}
        </Text>
        <EvidenceList orgId={orgId} projectId={projectId} item={item} canEdit={false} />
      </Stack>
    );
  }

  return (
    <Stack gap="sm" mt="sm" pt="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label="Assignee"
          placeholder="Nobody"
          data={members.map((m) => ({ value: m.userId, label: m.name }))}
          value={item.assigneeId}
          onChange={(assigneeId) => onSave({ assigneeId })}
          searchable
          clearable
          disabled={saving}
          nothingFoundMessage="No member with that name"
        />
        <TextInput
          label="Due date"
          type="date"
          value={due}
          onChange={(event) => setDue(event.currentTarget.value)}
          onBlur={() => due !== (item.dueDate ?? '') && onSave({ dueDate: due || null })}
          disabled={saving}
        />
      </SimpleGrid>
      <Textarea
        label="Notes"
        autosize
        minRows={2}
        maxRows={8}
        maxLength={5000}
        value={notes}
        onChange={(event) => setNotes(event.currentTarget.value)}
      />
      {notesDirty && (
        <Group gap="xs">
          <Button size="xs" loading={saving} onClick={() => onSave({ notes })}>
            Save notes
          </Button>
          <Button size="xs" variant="subtle" color="gray" onClick={() => setNotes(item.notes)}>
            Discard
          </Button>
        </Group>
      )}
      <EvidenceList orgId={orgId} projectId={projectId} item={item} canEdit />
    </Stack>
  );
}

function EvidenceList({
  orgId,
  projectId,
  item,
  canEdit,
}: {
  orgId: string;
  projectId: string;
  item: ChecklistItem;
  canEdit: boolean;
}) {
  const add = useAddEvidence(orgId, projectId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { url: '', title: '' },
    validate: {
      url: (v) => {
        try {
          const url = new URL(v.trim());
          return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'Use an http(s) link';
        } catch {
          return 'Enter a full link, e.g. https://wiki.example.com/runbook';
        }
      },
      title: (v) => (v.trim() ? (v.length > 200 ? 'Use at most 200 characters' : null) : 'Enter a title'),
    },
  });
  const submit = form.onSubmit((values) => {
    setFormError(null);
    add.mutate(
      { key: item.key, url: values.url.trim(), title: values.title.trim() },
      {
        onSuccess: () => form.reset(),
        onError: (error) => setFormError(applyServerErrors(form, error, ['url', 'title'])),
      },
    );
  });

  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        Evidence
      </Text>
      {item.evidence.length === 0 ? (
        <Text size="sm" c="dimmed">
          No evidence yet.
        </Text>
      ) : (
        <Stack gap={4}>
          {item.evidence.map((e) => (
            <Group key={e.id} gap={6} wrap="nowrap">
              <IconLink size={14} aria-hidden />
              <Anchor href={e.url} target="_blank" rel="noopener noreferrer" size="sm">
                {e.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {e.addedByName ?? 'Unknown'} · {formatDate(e.createdAt)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
      {canEdit && (
        <form onSubmit={submit} noValidate aria-label={`Add an evidence link to ${item.name}`}>
          {formError && (
            <Alert color="red" variant="light" mt="xs" role="alert">
              {formError}
            </Alert>
          )}
          <Group align="flex-start" gap="xs" mt="xs" wrap="wrap">
            <TextInput
              aria-label="Link"
              placeholder="https://…"
              size="xs"
              w={260}
              {...form.getInputProps('url')}
            />
            <TextInput
              aria-label="Title"
              placeholder="Title"
              size="xs"
              w={200}
              maxLength={200}
              {...form.getInputProps('title')}
            />
            <Button
              type="submit"
              size="xs"
              variant="light"
              loading={add.isPending}
              leftSection={<IconPlus size={14} aria-hidden />}
            >
              Add link
            </Button>
          </Group>
        </form>
      )}
    </div>
  );
}

function NotApplicableModal({
  item,
  opened,
  saving,
  onClose,
  onConfirm,
}: {
  item: ChecklistItem;
  opened: boolean;
  saving: boolean;
  onClose: () => void;
  onConfirm: (justification: string) => void;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    event.stopPropagation();
    const value = text.trim();
    if (!value) return setError('Say why this capability does not apply');
    if (value.length > 2000) return setError('Use at most 2,000 characters');
    setError(null);
    onConfirm(value);
  };
  return (
    <Modal opened={opened} onClose={onClose} title={`Mark “${item.name}” not applicable`} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm" c="dimmed">
            A not-applicable item leaves the readiness count. The justification is kept with the checklist.
          </Text>
          <Textarea
            label="Justification"
            required
            autosize
            minRows={3}
            data-autofocus
            value={text}
            error={error}
            onChange={(event) => setText(event.currentTarget.value)}
            // Keep 1–4 typed here from reaching the row.
            onKeyDown={(event) => event.stopPropagation()}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={saving}>
              Mark not applicable
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

import { Button, Group, Select, TextInput } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { Member } from '../../members/api/use-members';
import { type AuditFilters, EMPTY_FILTERS } from '../api/use-audit';

const ENTITY_TYPES = [
  { value: 'organization', label: 'Organisation' },
  { value: 'membership', label: 'Membership' },
  { value: 'invitation', label: 'Invitation' },
];

interface AuditFiltersBarProps {
  value: AuditFilters;
  onChange: (next: AuditFilters) => void;
  members: Member[];
}

export function AuditFiltersBar({ value, onChange, members }: AuditFiltersBarProps) {
  const active =
    value.entityType !== null || value.actorId !== null || value.fromDay !== '' || value.toDay !== '';
  const rangeError =
    value.fromDay && value.toDay && value.fromDay > value.toDay ? 'Must be after “From”' : null;

  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Filter the audit trail">
      <Select
        label="Entity type"
        placeholder="All types"
        data={ENTITY_TYPES}
        value={value.entityType}
        onChange={(entityType) => onChange({ ...value, entityType })}
        clearable
        w={180}
      />
      <Select
        label="Actor"
        placeholder="Anyone"
        data={members.map((m) => ({ value: m.userId, label: m.name }))}
        value={value.actorId}
        onChange={(actorId) => onChange({ ...value, actorId })}
        searchable
        clearable
        nothingFoundMessage="No member with that name"
        w={200}
      />
      <TextInput
        label="From"
        type="date"
        value={value.fromDay}
        max={value.toDay || undefined}
        onChange={(event) => onChange({ ...value, fromDay: event.currentTarget.value })}
        w={160}
      />
      <TextInput
        label="To"
        type="date"
        value={value.toDay}
        min={value.fromDay || undefined}
        error={rangeError}
        onChange={(event) => onChange({ ...value, toDay: event.currentTarget.value })}
        w={160}
      />
      {active && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onChange(EMPTY_FILTERS)}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

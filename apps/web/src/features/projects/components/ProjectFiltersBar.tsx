import {
  RECOMMENDATION_LABELS,
  RECOMMENDATIONS,
  type Recommendation,
  RISK_CLASSES,
  type RiskClass,
  STAGE_LABELS,
  STAGES,
  type Stage,
} from '@gapline/domain';
import { Button, Group, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import type { Member } from '../../members/api/use-members';
import { RISK_CLASS_LABELS } from '../labels';
import { isFiltered, type ListState } from '../list-params';

const STAGE_OPTIONS = STAGES.map((stage) => ({ value: stage, label: STAGE_LABELS[stage] }));
const RISK_OPTIONS = RISK_CLASSES.map((risk) => ({ value: risk, label: RISK_CLASS_LABELS[risk] }));
const RECOMMENDATION_OPTIONS = RECOMMENDATIONS.map((r) => ({ value: r, label: RECOMMENDATION_LABELS[r] }));

interface ProjectFiltersBarProps {
  value: ListState;
  /** `typing` marks changes from the search box, which replace the history entry instead of adding one. */
  onChange: (next: Partial<ListState>, options?: { typing?: boolean }) => void;
  onClear: () => void;
  members: Member[];
  businessUnits: string[];
  /** Shown at the end of the search row (the active / archived switch). */
  aside?: ReactNode;
}

export function ProjectFiltersBar({
  value,
  onChange,
  onClear,
  members,
  businessUnits,
  aside,
}: ProjectFiltersBarProps) {
  const [search, setSearch] = useState(value.q);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const written = useRef(value.q);

  // Send the search to the address bar once typing pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the debounced text changes
  useEffect(() => {
    if (debouncedSearch.trim() === value.q.trim()) return;
    written.current = debouncedSearch.trim();
    onChange({ q: debouncedSearch }, { typing: true });
  }, [debouncedSearch]);

  // Follow the address bar when it changes from elsewhere (back button, "Clear filters").
  useEffect(() => {
    if (value.q.trim() === written.current) return;
    written.current = value.q.trim();
    setSearch(value.q);
  }, [value.q]);

  const businessUnitOptions =
    value.businessUnit && !businessUnits.includes(value.businessUnit)
      ? [value.businessUnit, ...businessUnits]
      : businessUnits;

  return (
    <Stack gap="sm" role="search" aria-label="Filter the initiatives">
      <Group justify="space-between" align="flex-end" gap="sm">
        <TextInput
          label="Search"
          placeholder="Name, description, tag…"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          w={360}
          maw="100%"
          type="search"
        />
        {aside}
      </Group>
      <Group align="flex-end" gap="sm" wrap="wrap">
        <MultiSelect
          label="Stage"
          placeholder={value.stage.length === 0 ? 'Any stage' : undefined}
          data={STAGE_OPTIONS}
          value={value.stage}
          onChange={(stage) => onChange({ stage: stage as Stage[] })}
          clearable
          w={220}
          maxDropdownHeight={300}
        />
        <Select
          label="Owner"
          placeholder="Anyone"
          data={members.map((m) => ({ value: m.userId, label: m.name }))}
          value={value.ownerId}
          onChange={(ownerId) => onChange({ ownerId })}
          searchable
          clearable
          nothingFoundMessage="No member with that name"
          w={180}
        />
        <Select
          label="Business unit"
          placeholder="Any unit"
          data={businessUnitOptions}
          value={value.businessUnit}
          onChange={(businessUnit) => onChange({ businessUnit })}
          searchable
          clearable
          nothingFoundMessage="No such unit"
          w={180}
        />
        <Select
          label="Risk class"
          placeholder="Any class"
          data={RISK_OPTIONS}
          value={value.riskClass}
          onChange={(riskClass) => onChange({ riskClass: riskClass as RiskClass | null })}
          clearable
          w={130}
        />
        <Select
          label="Recommendation"
          placeholder="Any"
          data={RECOMMENDATION_OPTIONS}
          value={value.recommendation}
          onChange={(recommendation) => onChange({ recommendation: recommendation as Recommendation | null })}
          clearable
          w={170}
        />
        {isFiltered(value) && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} aria-hidden />}
            onClick={() => {
              written.current = '';
              setSearch('');
              onClear();
            }}
          >
            Clear filters
          </Button>
        )}
      </Group>
    </Stack>
  );
}

import { RISK_CLASSES, type RiskClass } from '@gapline/domain';
import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import type { Member } from '../../members/api/use-members';
import { RISK_CLASS_LABELS } from '../../projects/labels';
import type { PortfolioFilters } from '../api/use-portfolio';

const RISK_OPTIONS = RISK_CLASSES.map((risk) => ({ value: risk, label: RISK_CLASS_LABELS[risk] }));

export const hasFilters = (f: PortfolioFilters) =>
  f.businessUnit !== null || f.ownerId !== null || f.riskClass !== null;

export function PortfolioFiltersBar({
  value,
  onChange,
  members,
  businessUnits,
}: {
  value: PortfolioFilters;
  onChange: (next: PortfolioFilters) => void;
  members: Member[];
  businessUnits: string[];
}) {
  const unitOptions =
    value.businessUnit && !businessUnits.includes(value.businessUnit)
      ? [value.businessUnit, ...businessUnits]
      : businessUnits;
  const ownerOptions = members.map((m) => ({ value: m.userId, label: m.name }));
  if (value.ownerId && !ownerOptions.some((o) => o.value === value.ownerId))
    ownerOptions.unshift({ value: value.ownerId, label: 'Unknown member' });

  return (
    <Group
      align="flex-end"
      gap="sm"
      wrap="wrap"
      mb="lg"
      role="search"
      aria-label="Filter the portfolio"
      data-print="hide"
    >
      <Select
        label="Business unit"
        placeholder="All units"
        data={unitOptions}
        value={value.businessUnit}
        onChange={(businessUnit) => onChange({ ...value, businessUnit })}
        searchable
        clearable
        nothingFoundMessage="No such unit"
        w={200}
      />
      <Select
        label="Owner"
        placeholder="Anyone"
        data={ownerOptions}
        value={value.ownerId}
        onChange={(ownerId) => onChange({ ...value, ownerId })}
        searchable
        clearable
        nothingFoundMessage="No member with that name"
        w={200}
      />
      <Select
        label="Risk class"
        placeholder="Any class"
        data={RISK_OPTIONS}
        value={value.riskClass}
        onChange={(riskClass) => onChange({ ...value, riskClass: riskClass as RiskClass | null })}
        clearable
        w={160}
      />
      {hasFilters(value) && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onChange({ businessUnit: null, ownerId: null, riskClass: null })}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

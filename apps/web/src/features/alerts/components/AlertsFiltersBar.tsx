import { ALERT_RULES, ALERT_STATES, type AlertRule, type AlertState, type Severity } from '@gapline/domain';
import { Button, Group, Select } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { type AlertFilters, EMPTY_ALERT_FILTERS } from '../api/use-alerts';
import { RULE_LABELS, SEVERITY_LABELS, STATE_LABELS } from '../labels';

const RULE_OPTIONS = ALERT_RULES.map((r) => ({ value: r, label: RULE_LABELS[r] }));
const STATE_OPTIONS = ALERT_STATES.map((s) => ({ value: s, label: STATE_LABELS[s] }));
const SEVERITY_OPTIONS = (['CRITICAL', 'WARNING'] as const).map((s) => ({
  value: s,
  label: SEVERITY_LABELS[s],
}));

interface AlertsFiltersBarProps {
  value: AlertFilters;
  onChange: (next: AlertFilters) => void;
  projects: { value: string; label: string }[];
}

export function AlertsFiltersBar({ value, onChange, projects }: AlertsFiltersBarProps) {
  const active = Object.values(value).some((v) => v !== null);
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label="Filter the alerts">
      <Select
        label="Rule"
        placeholder="All rules"
        data={RULE_OPTIONS}
        value={value.rule}
        onChange={(rule) => onChange({ ...value, rule: rule as AlertRule | null })}
        clearable
        w={230}
      />
      <Select
        label="Severity"
        placeholder="Any"
        data={SEVERITY_OPTIONS}
        value={value.severity}
        onChange={(severity) => onChange({ ...value, severity: severity as Severity | null })}
        clearable
        w={140}
      />
      <Select
        label="State"
        placeholder="Any"
        data={STATE_OPTIONS}
        value={value.state}
        onChange={(state) => onChange({ ...value, state: state as AlertState | null })}
        clearable
        w={160}
      />
      <Select
        label="Initiative"
        placeholder="All initiatives"
        data={projects}
        value={value.projectId}
        onChange={(projectId) => onChange({ ...value, projectId })}
        searchable
        clearable
        nothingFoundMessage="No initiative with that name"
        w={240}
      />
      {active && (
        <Button
          variant="subtle"
          color="gray"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onChange(EMPTY_ALERT_FILTERS)}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}

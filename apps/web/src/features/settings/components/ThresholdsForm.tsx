import { Alert, Button, Fieldset, Group, NumberInput, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../../api/errors';
import { applyServerErrors } from '../../../ui/form-errors';
import { notifySuccess } from '../../../ui/notify';
import { type Settings, useUpdateSettings } from '../api/use-settings';

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CZK', 'CAD', 'AUD'];

interface Values {
  stallDaysIdea: number | string;
  stallDaysPoc: number | string;
  stallDaysProductionizing: number | string;
  /** Major units. */
  revenueImpactThreshold: number | string;
  /** Percent. */
  uptimeSlaThresholdPct: number | string;
  retentionYearsThreshold: number | string;
  dependentTeamsThreshold: number | string;
  readinessNumerator: number | string;
  readinessDenominator: number | string;
  currency: string;
}

const FIELDS: readonly (keyof Values)[] = [
  'stallDaysIdea',
  'stallDaysPoc',
  'stallDaysProductionizing',
  'revenueImpactThreshold',
  'uptimeSlaThresholdPct',
  'retentionYearsThreshold',
  'dependentTeamsThreshold',
  'readinessNumerator',
  'readinessDenominator',
  'currency',
];

function toValues(s: Settings): Values {
  return {
    stallDaysIdea: s.stallDaysIdea,
    stallDaysPoc: s.stallDaysPoc,
    stallDaysProductionizing: s.stallDaysProductionizing,
    revenueImpactThreshold: s.revenueImpactThreshold / 100,
    uptimeSlaThresholdPct: s.uptimeSlaThresholdBp / 100,
    retentionYearsThreshold: s.retentionYearsThreshold,
    dependentTeamsThreshold: s.dependentTeamsThreshold,
    readinessNumerator: s.readinessNumerator,
    readinessDenominator: s.readinessDenominator,
    currency: s.currency,
  };
}

const between = (min: number, max: number, what: string) => (v: number | string) =>
  v === '' || Number(v) < min || Number(v) > max ? `Enter ${what} between ${min} and ${max}` : null;

/** The thresholds the decision guide, readiness and stall warnings use. */
export function ThresholdsForm({ orgId, settings }: { orgId: string; settings: Settings }) {
  const update = useUpdateSettings(orgId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: 'controlled',
    initialValues: toValues(settings),
    validate: {
      stallDaysIdea: between(1, 3650, 'days'),
      stallDaysPoc: between(1, 3650, 'days'),
      stallDaysProductionizing: between(1, 3650, 'days'),
      revenueImpactThreshold: (v) => (v === '' || Number(v) < 0 ? 'Enter zero or a positive amount' : null),
      uptimeSlaThresholdPct: between(0, 100, 'a percentage'),
      retentionYearsThreshold: between(1, 100, 'years'),
      dependentTeamsThreshold: between(1, 1000, 'a number'),
      readinessNumerator: (v, values) =>
        between(1, 1000, 'a number')(v) ??
        (Number(v) > Number(values.readinessDenominator) ? 'Must not exceed the second number' : null),
      readinessDenominator: between(1, 1000, 'a number'),
      currency: (v) => (/^[A-Z]{3}$/.test(v) ? null : 'Choose a currency'),
    },
  });

  const submit = form.onSubmit((v) => {
    setFormError(null);
    update.mutate(
      {
        stallDaysIdea: Number(v.stallDaysIdea),
        stallDaysPoc: Number(v.stallDaysPoc),
        stallDaysProductionizing: Number(v.stallDaysProductionizing),
        revenueImpactThreshold: Math.round(Number(v.revenueImpactThreshold) * 100),
        uptimeSlaThresholdBp: Math.round(Number(v.uptimeSlaThresholdPct) * 100),
        retentionYearsThreshold: Number(v.retentionYearsThreshold),
        dependentTeamsThreshold: Number(v.dependentTeamsThreshold),
        readinessNumerator: Number(v.readinessNumerator),
        readinessDenominator: Number(v.readinessDenominator),
        currency: v.currency,
      },
      {
        onSuccess: (saved) => {
          const next = toValues(saved);
          form.setInitialValues(next);
          form.setValues(next);
          notifySuccess('Decisions and readiness now use the new thresholds.', 'Thresholds saved');
        },
        onError: (error) => {
          const renamed =
            error instanceof ApiError
              ? new ApiError(
                  error.status,
                  error.message,
                  error.details.map((d) => ({
                    ...d,
                    field: d.field === 'uptimeSlaThresholdBp' ? 'uptimeSlaThresholdPct' : d.field,
                  })),
                )
              : error;
          setFormError(applyServerErrors(form, renamed, FIELDS));
        },
      },
    );
  });

  const currency = form.values.currency;
  const int = { allowDecimal: false, allowNegative: false, min: 1 } as const;

  return (
    <form onSubmit={submit} noValidate aria-label="Thresholds">
      <Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <Fieldset legend="Stalled after (days in the stage)">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NumberInput label="Idea" max={3650} {...int} {...form.getInputProps('stallDaysIdea')} />
            <NumberInput
              label="Proof of concept"
              max={3650}
              {...int}
              {...form.getInputProps('stallDaysPoc')}
            />
            <NumberInput
              label="Productionizing"
              max={3650}
              {...int}
              {...form.getInputProps('stallDaysProductionizing')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Production criteria apply when…">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Revenue at risk above"
              description="Annual cost of a 1% error rate."
              leftSection={
                <Text size="sm" c="dimmed">
                  {currency}
                </Text>
              }
              leftSectionWidth={52}
              thousandSeparator=","
              decimalScale={2}
              allowNegative={false}
              hideControls
              {...form.getInputProps('revenueImpactThreshold')}
            />
            <NumberInput
              label="Uptime SLA above"
              description="Contractual availability, in percent."
              rightSection={
                <Text size="sm" c="dimmed">
                  %
                </Text>
              }
              decimalScale={2}
              min={0}
              max={100}
              allowNegative={false}
              hideControls
              {...form.getInputProps('uptimeSlaThresholdPct')}
            />
            <NumberInput
              label="Retention of at least (years)"
              max={100}
              {...int}
              {...form.getInputProps('retentionYearsThreshold')}
            />
            <NumberInput
              label="Dependent teams, at least"
              max={1000}
              {...int}
              {...form.getInputProps('dependentTeamsThreshold')}
            />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Production readiness">
          <Group align="flex-start" gap="xs" wrap="nowrap">
            <NumberInput
              label="Done"
              w={110}
              max={1000}
              {...int}
              {...form.getInputProps('readinessNumerator')}
            />
            <Text mt={30} size="sm">
              of every
            </Text>
            <NumberInput
              label="Applicable"
              w={110}
              max={1000}
              {...int}
              {...form.getInputProps('readinessDenominator')}
            />
          </Group>
          <Text size="xs" c="dimmed" mt={6}>
            Ready when at least this share of the applicable capabilities is done (and every required one is).
          </Text>
        </Fieldset>
        <Select
          label="Currency"
          description="Amounts are kept in its minor units; changing it does not convert existing amounts."
          data={CURRENCIES.includes(settings.currency) ? CURRENCIES : [settings.currency, ...CURRENCIES]}
          allowDeselect={false}
          searchable
          maw={420}
          {...form.getInputProps('currency')}
        />
        <Group>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            Save thresholds
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

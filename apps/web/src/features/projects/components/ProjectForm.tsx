import { formatMoney, RISK_CLASSES, type RiskClass, STAGE_LABELS } from '@gapline/domain';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Input,
  NumberInput,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { ApiError } from '../../../api/errors';
import { applyServerErrors } from '../../../ui/form-errors';
import { isBlank, toMajor, toMinor } from '../../../ui/money';
import type { Member } from '../../members/api/use-members';
import type { Settings } from '../../settings/api/use-settings';
import type { CreateProjectInput, Project } from '../api/types';
import { RISK_CLASS_HELP, RISK_CLASS_LABELS } from '../labels';

export interface ProjectFormValues {
  name: string;
  description: string;
  businessUnit: string;
  ownerId: string | null;
  tags: string[];
  startDate: string;
  targetDate: string;
  stage: 'IDEA' | 'POC';
  /** Major units (e.g. euros); sent in minor units. */
  expectedAnnualValue: number | string;
  revenueAtRisk: number | string;
  regulatedDecisions: boolean;
  personalData: boolean;
  /** Percent (99.9); sent in basis points (9990). */
  uptimeSlaPct: number | string;
  retentionYears: number | string;
  silentDegradation: boolean;
  dependentTeams: number | string;
  riskClass: RiskClass;
}

const FIELDS: readonly (keyof ProjectFormValues)[] = [
  'name',
  'description',
  'businessUnit',
  'ownerId',
  'tags',
  'startDate',
  'targetDate',
  'stage',
  'expectedAnnualValue',
  'revenueAtRisk',
  'regulatedDecisions',
  'personalData',
  'uptimeSlaPct',
  'retentionYears',
  'silentDegradation',
  'dependentTeams',
  'riskClass',
];

const empty = isBlank;
const toInt = (value: number | string) => (empty(value) ? null : Math.round(Number(value)));

export function initialValues(project: Project | null, currentUserId: string): ProjectFormValues {
  if (!project) {
    return {
      name: '',
      description: '',
      businessUnit: '',
      ownerId: currentUserId,
      tags: [],
      startDate: '',
      targetDate: '',
      stage: 'IDEA',
      expectedAnnualValue: '',
      revenueAtRisk: '',
      regulatedDecisions: false,
      personalData: false,
      uptimeSlaPct: '',
      retentionYears: '',
      silentDegradation: false,
      dependentTeams: '',
      riskClass: 'MINIMAL',
    };
  }
  const c = project.criteriaValues;
  return {
    name: project.name,
    description: project.description,
    businessUnit: project.businessUnit,
    ownerId: project.owner.userId,
    tags: project.tags,
    startDate: project.startDate ?? '',
    targetDate: project.targetDate ?? '',
    stage: 'IDEA',
    expectedAnnualValue: toMajor(project.expectedAnnualValue),
    revenueAtRisk: toMajor(c.revenueAtRisk ?? null),
    regulatedDecisions: c.regulatedDecisions ?? false,
    personalData: c.personalData ?? false,
    uptimeSlaPct: c.uptimeSlaBp === null || c.uptimeSlaBp === undefined ? '' : c.uptimeSlaBp / 100,
    retentionYears: c.retentionYears ?? '',
    silentDegradation: c.silentDegradation ?? false,
    dependentTeams: c.dependentTeams ?? '',
    riskClass: project.riskClass,
  };
}

/** The request body; `ownerId` only when the user may choose the owner, `stage` only on creation. */
export function toBody(values: ProjectFormValues, options: { withOwner: boolean; withStage: boolean }) {
  const body: CreateProjectInput = {
    name: values.name.trim(),
    description: values.description.trim(),
    businessUnit: values.businessUnit.trim(),
    tags: values.tags.map((t) => t.trim()).filter(Boolean),
    startDate: values.startDate || null,
    targetDate: values.targetDate || null,
    riskClass: values.riskClass,
    expectedAnnualValue: toMinor(values.expectedAnnualValue),
    revenueAtRisk: toMinor(values.revenueAtRisk),
    regulatedDecisions: values.regulatedDecisions,
    personalData: values.personalData,
    uptimeSlaBp: empty(values.uptimeSlaPct) ? null : Math.round(Number(values.uptimeSlaPct) * 100),
    retentionYears: toInt(values.retentionYears),
    silentDegradation: values.silentDegradation,
    dependentTeams: toInt(values.dependentTeams),
  };
  if (options.withOwner && values.ownerId) body.ownerId = values.ownerId;
  if (options.withStage) body.stage = values.stage;
  return body;
}

/** The server names API fields; a few differ from the form's (the SLA is in basis points there). */
function toFormError(error: unknown): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details.map((d) => ({
    ...d,
    field: d.field === 'uptimeSlaBp' ? 'uptimeSlaPct' : d.field.replace(/^tags\.\d+$/, 'tags'),
  }));
  return new ApiError(error.status, error.message, details, error.retryAfterSeconds);
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" id={id}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mt={4} maw={720}>
          {description}
        </Text>
      )}
      <Stack mt="md">{children}</Stack>
    </Card>
  );
}

interface ProjectFormProps {
  mode: 'create' | 'edit';
  initial: ProjectFormValues;
  /** Admins choose the owner; a project owner registers their own. */
  canChooseOwner: boolean;
  members: Member[];
  settings: Settings | undefined;
  currency: string;
  submitting: boolean;
  onSubmit: (values: ProjectFormValues, onError: (error: unknown) => void) => void;
  onCancel: () => void;
}

export function ProjectForm({
  mode,
  initial,
  canChooseOwner,
  members,
  settings,
  currency,
  submitting,
  onSubmit,
  onCancel,
}: ProjectFormProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ProjectFormValues>({
    mode: 'controlled',
    initialValues: initial,
    onValuesChange: () => setFormError(null),
    validate: {
      name: (v) =>
        v.trim().length === 0 ? 'Enter a name' : v.trim().length > 200 ? 'Use at most 200 characters' : null,
      businessUnit: (v) => (v.trim().length > 100 ? 'Use at most 100 characters' : null),
      description: (v) => (v.length > 5000 ? 'Use at most 5,000 characters' : null),
      tags: (v) => (v.length > 20 ? 'Use at most 20 tags' : null),
      targetDate: (v, values) =>
        v && values.startDate && v < values.startDate ? 'The target date must be after the start date' : null,
      expectedAnnualValue: (v) => (!empty(v) && Number(v) < 0 ? 'Enter a positive amount' : null),
      revenueAtRisk: (v) => (!empty(v) && Number(v) < 0 ? 'Enter a positive amount' : null),
      uptimeSlaPct: (v) =>
        !empty(v) && (Number(v) < 0 || Number(v) > 100) ? 'Enter a percentage between 0 and 100' : null,
      retentionYears: (v) => (!empty(v) && Number(v) < 0 ? 'Enter zero or more years' : null),
      dependentTeams: (v) => (!empty(v) && Number(v) < 0 ? 'Enter zero or more teams' : null),
    },
  });

  const money = (minor: number) => formatMoney(minor, currency);
  const pct = (bp: number) => `${(bp / 100).toLocaleString('en-GB', { maximumFractionDigits: 2 })}%`;
  const submit = form.onSubmit(
    (values) => {
      setFormError(null);
      onSubmit(values, (error) => setFormError(applyServerErrors(form, toFormError(error), FIELDS)));
    },
    () => setFormError('Some fields need your attention; see the messages below them.'),
  );

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={mode === 'create' ? 'Register an initiative' : 'Edit the initiative'}
    >
      <Stack gap="lg" maw={880}>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}

        <Section id="basics-heading" title="Basics">
          <TextInput label="Name" required maxLength={200} data-autofocus {...form.getInputProps('name')} />
          <Textarea
            label="Description"
            description="What the initiative does and for whom."
            autosize
            minRows={3}
            maxRows={10}
            {...form.getInputProps('description')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Business unit"
              placeholder="Claims"
              maxLength={100}
              {...form.getInputProps('businessUnit')}
            />
            {canChooseOwner ? (
              <Select
                label="Owner"
                description="Accountable for the initiative; can edit it and its checklist."
                data={members.map((m) => ({ value: m.userId, label: m.name }))}
                searchable
                allowDeselect={false}
                nothingFoundMessage="No member with that name"
                {...form.getInputProps('ownerId')}
              />
            ) : (
              <TextInput
                label="Owner"
                description={
                  mode === 'create' ? 'You will own this initiative.' : 'An admin can hand it over.'
                }
                value={members.find((m) => m.userId === form.values.ownerId)?.name ?? 'You'}
                readOnly
                variant="filled"
              />
            )}
          </SimpleGrid>
          <TagsInput
            label="Tags"
            description="Press Enter after each tag."
            maxTags={20}
            clearable
            {...form.getInputProps('tags')}
          />
          <SimpleGrid cols={{ base: 1, sm: mode === 'create' ? 3 : 2 }}>
            <TextInput label="Start date" type="date" {...form.getInputProps('startDate')} />
            <TextInput
              label="Target date"
              type="date"
              min={form.values.startDate || undefined}
              {...form.getInputProps('targetDate')}
            />
            {mode === 'create' && (
              <Input.Wrapper label="Starts in" id="project-stage" labelElement="div">
                <SegmentedControl
                  aria-labelledby="project-stage-label"
                  fullWidth
                  data={(['IDEA', 'POC'] as const).map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
                  {...form.getInputProps('stage')}
                />
              </Input.Wrapper>
            )}
          </SimpleGrid>
        </Section>

        <Section
          id="business-case-heading"
          title="Business case"
          description="The value decides whether production-grade engineering is worth it: when even the optimistic first-year cost is twice the expected annual value, the guide says do not deploy."
        >
          <NumberInput
            label="Expected annual value"
            description={`In ${currency}, per year once live.`}
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
            maw={320}
            {...form.getInputProps('expectedAnnualValue')}
          />
        </Section>

        <Section
          id="criteria-heading"
          title="Production criteria"
          description="If any of these applies, the initiative needs production-grade engineering, not just a proof of concept. Leave a value empty when it is unknown."
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Revenue at risk"
              description={`What a 1% error rate would cost a year, in ${currency}.${settings ? ` Applies above ${money(settings.revenueImpactThreshold)}.` : ''}`}
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
              {...form.getInputProps('revenueAtRisk')}
            />
            <NumberInput
              label="Uptime SLA"
              description={`Contractual availability, e.g. 99.9.${settings ? ` Applies above ${pct(settings.uptimeSlaThresholdBp)}.` : ''}`}
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
              {...form.getInputProps('uptimeSlaPct')}
            />
            <NumberInput
              label="Retention"
              description={`Years the model and its data must stay reproducible for audit.${settings ? ` Applies at ${settings.retentionYearsThreshold}+ years.` : ''}`}
              rightSection={
                <Text size="sm" c="dimmed">
                  years
                </Text>
              }
              rightSectionWidth={56}
              hideControls
              allowDecimal={false}
              allowNegative={false}
              min={0}
              {...form.getInputProps('retentionYears')}
            />
            <NumberInput
              label="Dependent teams"
              hideControls
              description={`Teams that consume the predictions.${settings ? ` Applies at ${settings.dependentTeamsThreshold}+ teams.` : ''}`}
              allowDecimal={false}
              allowNegative={false}
              min={0}
              {...form.getInputProps('dependentTeams')}
            />
          </SimpleGrid>
          <Checkbox
            label="Regulated decisions"
            description="Regulation mandates explainability and audit trails for the decisions it makes (credit, insurance, hiring…). Always applies to EU AI Act high-risk systems."
            {...form.getInputProps('regulatedDecisions', { type: 'checkbox' })}
          />
          <Checkbox
            label="Personal data"
            description="It processes personal or special-category data (GDPR)."
            {...form.getInputProps('personalData', { type: 'checkbox' })}
          />
          <Checkbox
            label="Silent degradation"
            description="Undetected drift would cause wrong business decisions before anyone noticed."
            {...form.getInputProps('silentDegradation', { type: 'checkbox' })}
          />
        </Section>

        <Section
          id="risk-heading"
          title="EU AI Act risk class"
          description="High-risk systems always need explainability, audit trails and long retention; unacceptable ones are prohibited."
        >
          <Radio.Group aria-labelledby="risk-heading" {...form.getInputProps('riskClass')}>
            <Stack gap="sm">
              {RISK_CLASSES.map((risk) => (
                <Radio
                  key={risk}
                  value={risk}
                  label={RISK_CLASS_LABELS[risk]}
                  description={RISK_CLASS_HELP[risk]}
                />
              ))}
            </Stack>
          </Radio.Group>
        </Section>

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={submitting}>
            {mode === 'create' ? 'Register initiative' : 'Save changes'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

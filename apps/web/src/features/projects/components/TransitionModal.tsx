import { checkTransition, type Role, STAGE_LABELS, STAGES, type Stage } from '@gapline/domain';
import { Alert, Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../../api/errors';
import { applyServerErrors } from '../../../ui/form-errors';
import { notifySuccess } from '../../../ui/notify';
import type { Project } from '../api/types';
import { useMoveStage } from '../api/use-projects';

type Kind = 'forward' | 'backward' | 'cancel';

/** The moves the lifecycle allows from here (whatever the gates say): the rules live in @gapline/domain. */
export function stageMoves(project: Project): { stage: Stage; kind: Kind }[] {
  const moves: { stage: Stage; kind: Kind }[] = [];
  for (const stage of STAGES) {
    const verdict = checkTransition({
      from: project.stage,
      to: stage,
      role: 'ADMIN',
      reason: 'structure',
      override: true,
      riskClass: project.riskClass,
      applyingCriteria: [],
      readiness: { ready: true, missing: [] },
    });
    if (verdict.allowed) moves.push({ stage, kind: verdict.kind });
  }
  const order: Kind[] = ['forward', 'backward', 'cancel'];
  return moves.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

const KIND_HINTS: Record<Kind, string> = {
  forward: 'Move forward',
  backward: 'Move back (needs a reason)',
  cancel: 'Stop the initiative for good',
};

/** What a forward move will be checked against, in plain words. */
function gateHint(project: Project, to: Stage): string | null {
  if (to === 'PRODUCTION') {
    const r = project.readiness;
    return `The production gate needs readiness: ${r.done} of ${r.threshold} needed are done${r.ready ? ', and nothing required is missing.' : '; it is not ready yet.'}`;
  }
  if (to === 'POC_SUFFICIENT' && project.decision.applying.length > 0) {
    return 'Staying with the proof of concept is only allowed when no production criterion applies; here some do.';
  }
  return null;
}

interface TransitionModalProps {
  orgId: string;
  project: Project;
  role: Role;
  opened: boolean;
  onClose: () => void;
}

export function TransitionModal({ orgId, project, role, opened, onClose }: TransitionModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Move to another stage" centered size="lg">
      {opened && <TransitionForm orgId={orgId} project={project} role={role} onDone={onClose} />}
    </Modal>
  );
}

function TransitionForm({
  orgId,
  project,
  role,
  onDone,
}: {
  orgId: string;
  project: Project;
  role: Role;
  onDone: () => void;
}) {
  const move = useMoveStage(orgId, project.id);
  const moves = stageMoves(project);
  const [refusal, setRefusal] = useState<string | null>(null);
  const isAdmin = role === 'ADMIN';
  const form = useForm({
    mode: 'controlled',
    initialValues: { to: moves[0]?.stage ?? '', reason: '', override: false },
    validate: {
      to: (v) => (v ? null : 'Choose a stage'),
      reason: (v, values) => {
        const kind = moves.find((m) => m.stage === values.to)?.kind;
        if ((kind === 'backward' || values.override) && !v.trim())
          return values.override ? 'An override needs a written reason' : 'Say why the initiative moves back';
        return v.length > 2000 ? 'Use at most 2,000 characters' : null;
      },
    },
  });
  const kind = moves.find((m) => m.stage === form.values.to)?.kind;
  const reasonRequired = kind === 'backward' || form.values.override;
  const hint = form.values.to ? gateHint(project, form.values.to as Stage) : null;

  if (moves.length === 0) {
    return (
      <Stack>
        <Text size="sm">
          {STAGE_LABELS[project.stage]} is final, or the risk class rules out any further move: this
          initiative cannot change stage.
        </Text>
        <Group justify="flex-end">
          <Button onClick={onDone}>Close</Button>
        </Group>
      </Stack>
    );
  }

  const submit = form.onSubmit((values) => {
    setRefusal(null);
    move.mutate(
      {
        to: values.to as Stage,
        reason: values.reason.trim() || undefined,
        override: values.override || undefined,
      },
      {
        onSuccess: (saved) => {
          notifySuccess(`“${saved.name}” is now in ${STAGE_LABELS[saved.stage]}.`, 'Stage changed');
          onDone();
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 422) setRefusal(error.message);
          else setRefusal(applyServerErrors(form, error, ['to', 'reason', 'override']) ?? null);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Move to another stage">
      <Stack>
        <Text size="sm">
          Now in <strong>{STAGE_LABELS[project.stage]}</strong>
          {project.daysInStage !== null &&
            ` for ${project.daysInStage} day${project.daysInStage === 1 ? '' : 's'}`}
          .
        </Text>
        <Radio.Group
          label="Move to"
          required
          {...form.getInputProps('to')}
          onChange={(to) => {
            setRefusal(null);
            form.setFieldValue('to', to);
          }}
        >
          <Stack gap="xs" mt={6}>
            {moves.map((m) => (
              <Radio
                key={m.stage}
                value={m.stage}
                label={STAGE_LABELS[m.stage]}
                description={KIND_HINTS[m.kind]}
              />
            ))}
          </Stack>
        </Radio.Group>
        {hint && (
          <Text size="sm" c="dimmed">
            {hint}
          </Text>
        )}
        <Textarea
          label="Reason"
          description={
            reasonRequired
              ? 'Required: it is kept in the stage history.'
              : 'Optional: it is kept in the stage history.'
          }
          required={reasonRequired}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('reason')}
        />
        {isAdmin && (
          <Checkbox
            label="Override (admin)"
            description="Pass a failed rule (production readiness, applying criteria). Needs a reason and is marked in the history."
            {...form.getInputProps('override', { type: 'checkbox' })}
          />
        )}
        {refusal && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertCircle aria-hidden />}
            title="The move was refused"
            role="alert"
          >
            {refusal}
          </Alert>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={move.isPending} color={kind === 'cancel' ? 'red' : undefined}>
            {form.values.to ? `Move to ${STAGE_LABELS[form.values.to as Stage]}` : 'Move'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

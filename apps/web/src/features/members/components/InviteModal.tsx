import type { Schemas } from '@gapline/api-client';
import { ROLE_LABELS, ROLES, type Role } from '@gapline/domain';
import { Alert, Button, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { isEmail, useForm } from '@mantine/form';
import { IconAlertCircle, IconCheck, IconCopy, IconLink } from '@tabler/icons-react';
import { useState } from 'react';
import { applyServerErrors } from '../../../ui/form-errors';
import { formatDateTime } from '../../../ui/format';
import { notifySuccess } from '../../../ui/notify';
import { useInvite } from '../api/use-invitations';

const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

interface InviteModalProps {
  orgId: string;
  opened: boolean;
  onClose: () => void;
}

export function InviteModal({ orgId, opened, onClose }: InviteModalProps) {
  const [created, setCreated] = useState<Schemas['CreatedInvitationDto'] | null>(null);
  const close = () => {
    onClose();
    setCreated(null);
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Invitation created' : 'Invite a member'}
      centered
      size="lg"
    >
      {created ? (
        <InvitationLink invitation={created} onAnother={() => setCreated(null)} onDone={close} />
      ) : (
        <InviteForm orgId={orgId} onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}

function InviteForm({
  orgId,
  onCreated,
  onCancel,
}: {
  orgId: string;
  onCreated: (invitation: Schemas['CreatedInvitationDto']) => void;
  onCancel: () => void;
}) {
  const invite = useInvite(orgId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'uncontrolled',
    initialValues: { email: '', role: 'VIEWER' as Role },
    validate: {
      email: isEmail('Enter a valid e-mail address'),
      role: (value) => (ROLES.includes(value) ? null : 'Choose a role'),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    invite.mutate(
      { email: values.email.trim(), role: values.role },
      {
        onSuccess: (invitation) => {
          notifySuccess(`We e-mailed an invitation to ${invitation.email}.`, 'Invitation sent');
          onCreated(invitation);
        },
        onError: (error) => setFormError(applyServerErrors(form, error, ['email', 'role'])),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Invite a member">
      <Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="E-mail"
          type="email"
          placeholder="grace@example.com"
          required
          data-autofocus
          maxLength={254}
          key={form.key('email')}
          {...form.getInputProps('email')}
        />
        <Select
          label="Role"
          description="Only admins can manage members, settings and the audit trail."
          data={ROLE_OPTIONS}
          allowDeselect={false}
          required
          key={form.key('role')}
          {...form.getInputProps('role')}
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={invite.isPending}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function InvitationLink({
  invitation,
  onAnother,
  onDone,
}: {
  invitation: Schemas['CreatedInvitationDto'];
  onAnother: () => void;
  onDone: () => void;
}) {
  return (
    <Stack>
      <Text size="sm">
        <strong>{invitation.email}</strong> can join as <strong>{ROLE_LABELS[invitation.role]}</strong> until{' '}
        {formatDateTime(invitation.expiresAt)}. We e-mailed the link; you can also share it yourself.
      </Text>
      <Alert variant="light" color="yellow" icon={<IconLink aria-hidden />} title="Copy the link now">
        It is shown only this once and works once. Anyone with the link can join as this person.
      </Alert>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          label="Invitation link"
          value={invitation.acceptUrl}
          readOnly
          flex={1}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={invitation.acceptUrl}>
          {({ copied, copy }) => (
            <Button
              onClick={copy}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              data-autofocus
            >
              {copied ? 'Copied' : 'Copy link'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end" mt="sm">
        <Button variant="default" onClick={onAnother}>
          Invite someone else
        </Button>
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}

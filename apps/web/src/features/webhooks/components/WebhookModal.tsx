import { Alert, Button, Checkbox, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconCheck, IconCopy, IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { applyServerErrors } from '../../../ui/form-errors';
import { notifySuccess } from '../../../ui/notify';
import { type CreatedWebhook, useCreateWebhook } from '../api/use-webhooks';

type Severity = 'WARNING' | 'CRITICAL';

export function AddWebhookModal({
  orgId,
  opened,
  onClose,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const close = () => {
    onClose();
    setCreated(null);
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? 'Webhook added' : 'Add a webhook'}
      centered
      size="lg"
      // The secret is shown once: do not lose it to a stray click outside.
      closeOnClickOutside={!created}
    >
      {created ? (
        <SecretOnce webhook={created} onDone={close} />
      ) : (
        <WebhookForm orgId={orgId} onCreated={setCreated} onCancel={close} />
      )}
    </Modal>
  );
}

function WebhookForm({
  orgId,
  onCreated,
  onCancel,
}: {
  orgId: string;
  onCreated: (webhook: CreatedWebhook) => void;
  onCancel: () => void;
}) {
  const create = useCreateWebhook(orgId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: { url: '', severities: ['WARNING', 'CRITICAL'] as Severity[] },
    validate: {
      url: (v) => {
        try {
          const url = new URL(v.trim());
          return url.protocol === 'https:' || url.protocol === 'http:' ? null : 'Use an http(s) URL';
        } catch {
          return 'Enter a URL such as https://hooks.example.com/gapline';
        }
      },
      severities: (v) => (v.length === 0 ? 'Choose at least one severity' : null),
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    create.mutate(
      { url: values.url.trim(), severities: values.severities },
      {
        onSuccess: (webhook) => {
          notifySuccess(`Alerts will be posted to ${webhook.url}.`, 'Webhook added');
          onCreated(webhook);
        },
        onError: (error) => setFormError(applyServerErrors(form, error, ['url', 'severities'])),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Add a webhook">
      <Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <TextInput
          label="URL"
          description="Gapline POSTs a JSON event here when an alert opens or escalates."
          placeholder="https://hooks.example.com/gapline"
          type="url"
          required
          data-autofocus
          maxLength={2000}
          {...form.getInputProps('url')}
        />
        <Checkbox.Group label="Severities" required {...form.getInputProps('severities')}>
          <Group mt="xs">
            <Checkbox value="CRITICAL" label="Critical" />
            <Checkbox value="WARNING" label="Warning" />
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Add webhook
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SecretOnce({ webhook, onDone }: { webhook: CreatedWebhook; onDone: () => void }) {
  return (
    <Stack>
      <Text size="sm">
        Events to <strong>{webhook.url}</strong> are signed with this secret: check the{' '}
        <code>X-Gapline-Signature</code> header (HMAC-SHA256 of the body) before trusting a request.
      </Text>
      <Alert variant="light" color="yellow" icon={<IconKey aria-hidden />} title="Copy the secret now">
        It is shown only this once. If you lose it, delete the webhook and add it again.
      </Alert>
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <TextInput
          label="Signing secret"
          value={webhook.secret}
          readOnly
          flex={1}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          onFocus={(event) => event.currentTarget.select()}
        />
        <CopyButton value={webhook.secret}>
          {({ copied, copy }) => (
            <Button
              onClick={copy}
              color={copied ? 'teal' : undefined}
              leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
              data-autofocus
            >
              {copied ? 'Copied' : 'Copy secret'}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Group justify="flex-end" mt="sm">
        <Button onClick={onDone}>I have saved it</Button>
      </Group>
    </Stack>
  );
}

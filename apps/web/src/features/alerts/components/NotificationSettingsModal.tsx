import { Button, Group, Modal, SegmentedControl, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { useNotificationSettings, useSaveNotificationSettings } from '../api/use-alerts';

/** Each member chooses which alert e-mails reach them, per organisation. */
export function NotificationSettingsModal({
  orgId,
  opened,
  onClose,
}: {
  orgId: string;
  opened: boolean;
  onClose: () => void;
}) {
  const settings = useNotificationSettings(orgId, opened);
  const save = useSaveNotificationSettings(orgId);
  const [emailAlerts, setEmailAlerts] = useState(true);
  const [minSeverity, setMinSeverity] = useState<'WARNING' | 'CRITICAL'>('WARNING');

  useEffect(() => {
    if (!settings.data) return;
    setEmailAlerts(settings.data.emailAlerts);
    setMinSeverity(settings.data.minSeverity === 'CRITICAL' ? 'CRITICAL' : 'WARNING');
  }, [settings.data]);

  const submit = () =>
    save.mutate(
      { emailAlerts, minSeverity },
      {
        onSuccess: () => {
          notifySuccess('Your notification settings are saved');
          onClose();
        },
        onError: (error) => notifyError(error, 'Could not save your notification settings'),
      },
    );

  return (
    <Modal opened={opened} onClose={onClose} title="Notifications" centered>
      {settings.isPending ? (
        <Stack>
          <Skeleton height={24} />
          <Skeleton height={36} />
        </Stack>
      ) : settings.isError ? (
        <ErrorState
          error={settings.error}
          onRetry={() => settings.refetch()}
          retrying={settings.isFetching}
        />
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              Alert e-mails come as one digest at most every 15 minutes, for the initiatives you own (admins:
              all initiatives). The alerts page and its badge always show everything.
            </Text>
            <Switch
              label="E-mail me about alerts"
              checked={emailAlerts}
              onChange={(event) => setEmailAlerts(event.currentTarget.checked)}
            />
            <div>
              <Text size="sm" fw={500} mb={4} id="min-severity-label">
                Which alerts
              </Text>
              <SegmentedControl
                aria-labelledby="min-severity-label"
                disabled={!emailAlerts}
                value={minSeverity}
                onChange={(value) => setMinSeverity(value === 'CRITICAL' ? 'CRITICAL' : 'WARNING')}
                data={[
                  { value: 'WARNING', label: 'Warnings and critical' },
                  { value: 'CRITICAL', label: 'Critical only' },
                ]}
              />
            </div>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

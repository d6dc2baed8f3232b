import { Alert, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import {
  IconAlertCircle,
  IconCalendarTime,
  IconCheck,
  IconChevronDown,
  IconCircleCheck,
  IconClockPause,
} from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { formatDateTime } from '../../../ui/format';
import { notifyError, notifySuccess } from '../../../ui/notify';
import { type AlertItem, useAlertAction } from '../api/use-alerts';
import { RULE_LABELS } from '../labels';

const DAY_MS = 86_400_000;

/** "2026-11-26T09:30" in local time, for a datetime-local input. */
function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Acknowledge, snooze (1 day, 1 week, until a chosen time) or resolve one alert. */
export function AlertActions({
  orgId,
  alert,
  size = 'xs',
}: {
  orgId: string;
  alert: AlertItem;
  size?: string;
}) {
  const act = useAlertAction(orgId);
  const [customOpen, setCustomOpen] = useState(false);
  const what = `${RULE_LABELS[alert.rule]}${alert.projectName ? ` on ${alert.projectName}` : ''}`;

  const run = (action: 'acknowledge' | 'snooze' | 'resolve', until?: Date, onDone?: () => void) =>
    act.mutate(
      { alertId: alert.id, action, until: until?.toISOString() },
      {
        onSuccess: (updated) => {
          onDone?.();
          notifySuccess(
            action === 'acknowledge'
              ? `${what} is acknowledged.`
              : action === 'snooze'
                ? `${what} is snoozed until ${formatDateTime(updated.snoozedUntil ?? until?.toISOString() ?? '')}.`
                : `${what} is resolved. It opens again if the rule still fires at the next check.`,
            action === 'acknowledge'
              ? 'Alert acknowledged'
              : action === 'snooze'
                ? 'Alert snoozed'
                : 'Alert resolved',
          );
        },
        onError: (error) => notifyError(error, 'Could not update the alert'),
      },
    );

  if (alert.state === 'RESOLVED') return null;

  return (
    <>
      <Menu position="bottom-end" withinPortal shadow="md">
        <Menu.Target>
          <Button
            variant="default"
            size={size}
            loading={act.isPending}
            rightSection={<IconChevronDown size={14} aria-hidden />}
            aria-label={`Actions for ${what}`}
          >
            Actions
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {alert.state !== 'ACKNOWLEDGED' && (
            <Menu.Item leftSection={<IconCheck size={16} aria-hidden />} onClick={() => run('acknowledge')}>
              Acknowledge
            </Menu.Item>
          )}
          <Menu.Label>Snooze</Menu.Label>
          <Menu.Item
            leftSection={<IconClockPause size={16} aria-hidden />}
            onClick={() => run('snooze', new Date(Date.now() + DAY_MS))}
          >
            Snooze for 1 day
          </Menu.Item>
          <Menu.Item
            leftSection={<IconClockPause size={16} aria-hidden />}
            onClick={() => run('snooze', new Date(Date.now() + 7 * DAY_MS))}
          >
            Snooze for 1 week
          </Menu.Item>
          <Menu.Item
            leftSection={<IconCalendarTime size={16} aria-hidden />}
            onClick={() => setCustomOpen(true)}
          >
            Snooze until…
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            leftSection={<IconCircleCheck size={16} aria-hidden />}
            color="teal.8"
            onClick={() => run('resolve')}
          >
            Resolve
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={customOpen} onClose={() => setCustomOpen(false)} title="Snooze until" centered>
        {customOpen && (
          <SnoozeForm
            what={what}
            pending={act.isPending}
            error={act.isError ? errorMessage(act.error) : null}
            onCancel={() => setCustomOpen(false)}
            onSubmit={(until) => run('snooze', until, () => setCustomOpen(false))}
          />
        )}
      </Modal>
    </>
  );
}

function SnoozeForm({
  what,
  pending,
  error,
  onCancel,
  onSubmit,
}: {
  what: string;
  pending: boolean;
  error: string | null;
  onCancel: () => void;
  onSubmit: (until: Date) => void;
}) {
  const [value, setValue] = useState(() => localInputValue(new Date(Date.now() + 3 * DAY_MS)));
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const until = new Date(value);
    if (!value || Number.isNaN(until.getTime())) return setProblem('Enter a date and time');
    if (until.getTime() <= Date.now()) return setProblem('Choose a time in the future');
    setProblem(null);
    onSubmit(until);
  };
  return (
    <form onSubmit={submit} noValidate aria-label="Snooze until a date and time">
      <Stack>
        <Text size="sm">
          {what} stays quiet until then; it opens again afterwards if the rule still fires.
        </Text>
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label="Until"
          type="datetime-local"
          required
          data-autofocus
          value={value}
          min={localInputValue(new Date())}
          error={problem}
          onChange={(e) => setValue(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            Snooze
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

import type { CostLine } from '@gapline/domain';
import { formatMoney } from '@gapline/domain';
import { Alert, Button, Checkbox, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { MoneyInput } from '../../../ui/MoneyInput';
import { isBlank, toMajor, toMinor } from '../../../ui/money';
import { notifySuccess } from '../../../ui/notify';
import { type Costs, type Projection, useSaveEstimates } from '../api/use-costs';
import { COST_LINE_LABELS } from '../labels';

interface Row {
  line: CostLine;
  own: boolean;
  low: number | string;
  high: number | string;
}

interface EstimatesModalProps {
  orgId: string;
  projectId: string;
  costs: Costs;
  projection: Projection;
  opened: boolean;
  onClose: () => void;
}

/** The team's own first-year estimate per line; a line without one uses the seed range. */
export function EstimatesModal(props: EstimatesModalProps) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title="Use our own estimate" size="xl" centered>
      {props.opened && <EstimatesForm {...props} />}
    </Modal>
  );
}

function EstimatesForm({ orgId, projectId, costs, projection, onClose }: EstimatesModalProps) {
  const save = useSaveEstimates(orgId, projectId);
  const [error, setError] = useState<string | null>(null);
  const [rows, setRows] = useState<Row[]>(() =>
    projection.bottomUpLines.map((l) => {
      const own = costs.estimates.find((e) => e.line === l.line);
      return {
        line: l.line,
        own: Boolean(own),
        low: toMajor(own?.low ?? l.low),
        high: toMajor(own?.high ?? l.high),
      };
    }),
  );
  const seed = Object.fromEntries(projection.bottomUpLines.map((l) => [l.line, l]));
  const money = (minor: number) => formatMoney(minor, costs.currency);
  const set = (line: CostLine, patch: Partial<Row>) =>
    setRows((current) => current.map((r) => (r.line === line ? { ...r, ...patch } : r)));

  const problem = (r: Row): string | null => {
    if (!r.own) return null;
    if (isBlank(r.low) || isBlank(r.high)) return 'Enter both amounts';
    if (Number(r.high) < Number(r.low)) return 'High must not be below low';
    return null;
  };
  const invalid = rows.some((r) => problem(r) !== null);

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (invalid) return;
    setError(null);
    const lines = rows
      .filter((r) => r.own)
      .map((r) => ({ line: r.line, low: toMinor(r.low) ?? 0, high: toMinor(r.high) ?? 0 }));
    save.mutate(lines, {
      onSuccess: () => {
        notifySuccess(
          lines.length === 0
            ? 'Every line uses the seed range again.'
            : `${lines.length} line${lines.length === 1 ? ' uses' : 's use'} your own estimate.`,
          'Estimates saved',
        );
        onClose();
      },
      onError: (e) => setError(errorMessage(e)),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Own estimates">
      <Stack>
        <Text size="sm" c="dimmed">
          Tick a line to replace the seed range with your team’s first-year estimate, in {costs.currency}.
          Lines you leave unticked keep the seed range.
        </Text>
        {error && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {error}
          </Alert>
        )}
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Line</Table.Th>
                <Table.Th scope="col">Own estimate</Table.Th>
                <Table.Th scope="col">Low</Table.Th>
                <Table.Th scope="col">High</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => {
                const label = COST_LINE_LABELS[r.line];
                const current = seed[r.line];
                return (
                  <Table.Tr key={r.line}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {label}
                      </Text>
                      {current && (
                        <Text size="xs" c="dimmed">
                          Now {money(current.low)} – {money(current.high)} (
                          {current.source === 'team' ? 'your estimate' : 'seed'})
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        aria-label={`Use our own estimate for ${label}`}
                        checked={r.own}
                        onChange={(e) => set(r.line, { own: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <MoneyInput
                        currency={costs.currency}
                        aria-label={`${label}: low`}
                        disabled={!r.own}
                        value={r.low}
                        onChange={(low) => set(r.line, { low })}
                        error={r.own && isBlank(r.low) ? true : undefined}
                        miw={150}
                      />
                    </Table.Td>
                    <Table.Td>
                      <MoneyInput
                        currency={costs.currency}
                        aria-label={`${label}: high`}
                        disabled={!r.own}
                        value={r.high}
                        onChange={(high) => set(r.line, { high })}
                        error={problem(r) && !isBlank(r.low) ? problem(r) : undefined}
                        miw={150}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={invalid}>
            Save estimates
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

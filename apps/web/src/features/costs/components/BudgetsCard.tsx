import { formatMoney } from '@gapline/domain';
import { Alert, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { applyServerErrors } from '../../../ui/form-errors';
import { formatDate } from '../../../ui/format';
import { MoneyInput } from '../../../ui/MoneyInput';
import { toMajor, toMinor } from '../../../ui/money';
import { notifySuccess } from '../../../ui/notify';
import { type Costs, useUpdateBudgets } from '../api/use-costs';
import { Panel } from './Panel';

interface BudgetsCardProps {
  orgId: string;
  projectId: string;
  costs: Costs;
}

/** The POC budget and the approved production budget, edited in place. */
export function BudgetsCard({ orgId, projectId, costs }: BudgetsCardProps) {
  const [editing, setEditing] = useState(false);
  const { budgets, currency } = costs;
  const money = (minor: number | null) => (minor === null ? 'Not set' : formatMoney(minor, currency));

  return (
    <Panel
      id="budgets-heading"
      title="Budgets"
      aside={
        costs.canEdit &&
        !editing && (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconPencil size={14} aria-hidden />}
            onClick={() => setEditing(true)}
          >
            Edit budgets
          </Button>
        )
      }
    >
      {editing ? (
        <BudgetsForm orgId={orgId} projectId={projectId} costs={costs} onDone={() => setEditing(false)} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              POC budget
            </Text>
            <Text fz="xl" fw={700} data-testid="poc-budget">
              {money(budgets.pocBudget)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Approved production budget
            </Text>
            <Text fz="xl" fw={700} data-testid="production-budget">
              {money(budgets.productionBudget)}
            </Text>
            {budgets.productionBudget !== null && budgets.productionBudgetApprovedAt && (
              <Text size="sm" c="dimmed">
                Approved by {budgets.productionBudgetApprovedByName ?? 'a former member'} on{' '}
                {formatDate(budgets.productionBudgetApprovedAt)}
              </Text>
            )}
          </div>
        </SimpleGrid>
      )}
      {!editing && budgets.pocBudget === null && budgets.productionBudget === null && (
        <Text size="sm" c="dimmed" mt="sm">
          {costs.canEdit
            ? 'No budgets yet. Set them to get a burn forecast and the underfunding check.'
            : 'No budgets yet. Finance, an admin or the owner can set them.'}
        </Text>
      )}
    </Panel>
  );
}

function BudgetsForm({ orgId, projectId, costs, onDone }: BudgetsCardProps & { onDone: () => void }) {
  const update = useUpdateBudgets(orgId, projectId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      pocBudget: toMajor(costs.budgets.pocBudget) as number | string,
      productionBudget: toMajor(costs.budgets.productionBudget) as number | string,
    },
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    const body: { pocBudget?: number | null; productionBudget?: number | null } = {};
    const poc = toMinor(values.pocBudget);
    const production = toMinor(values.productionBudget);
    if (poc !== costs.budgets.pocBudget) body.pocBudget = poc;
    if (production !== costs.budgets.productionBudget) body.productionBudget = production;
    if (Object.keys(body).length === 0) return onDone();
    update.mutate(body, {
      onSuccess: () => {
        notifySuccess('The budgets were saved.', 'Budgets saved');
        onDone();
      },
      onError: (error) => setFormError(applyServerErrors(form, error, ['pocBudget', 'productionBudget'])),
    });
  });

  return (
    <form onSubmit={submit} noValidate aria-label="Edit budgets">
      <Stack>
        {formError && (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {formError}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <MoneyInput
            currency={costs.currency}
            label="POC budget"
            description="Leave empty for none."
            data-autofocus
            autoFocus
            {...form.getInputProps('pocBudget')}
          />
          <MoneyInput
            currency={costs.currency}
            label="Approved production budget"
            description="Saving a new amount records you as the approver."
            {...form.getInputProps('productionBudget')}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={update.isPending}>
            Save budgets
          </Button>
          <Button variant="subtle" color="gray" onClick={onDone}>
            Cancel
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

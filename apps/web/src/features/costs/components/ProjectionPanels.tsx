import { formatMoney } from '@gapline/domain';
import { Alert, Badge, Box, Button, Group, List, Progress, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconCalculator, IconScale } from '@tabler/icons-react';
import { formatMultiple, formatRatio } from '../../../ui/money';
import type { Costs, Projection } from '../api/use-costs';
import { burnColor, COST_LINE_LABELS, multipleColor } from '../labels';
import { EstimatesModal } from './EstimatesModal';
import { Panel } from './Panel';
import { type Marker, RangeBar } from './RangeBar';

const POC_COST_SOURCE: Record<Projection['pocCostSource'], string> = {
  spend: 'POC spend recorded so far',
  budget: 'the POC budget (nothing spent on the POC yet)',
  none: '',
};

/** The seed's warnings, in plain words, above the numbers. */
export function ProjectionWarnings({ projection, costs }: { projection: Projection; costs: Costs }) {
  const money = (minor: number) => formatMoney(minor, projection.currency);
  const { value } = projection;
  return (
    <>
      {projection.underfunded && costs.budgets.productionBudget !== null && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="Underfunded plan"
          data-testid="underfunded"
        >
          The approved production budget of {money(costs.budgets.productionBudget)} is under 10x the POC cost
          ({money(projection.pocCost)}). Production usually costs 10x–20x the POC, so expect{' '}
          {money(projection.benchmark.low)} – {money(projection.benchmark.high)}.
        </Alert>
      )}
      {value.doNotDeploy && value.expectedAnnualValue !== null && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title="Value at risk">
          Even the optimistic first-year cost ({money(projection.headline.low)}) is at least twice the
          expected annual value ({money(value.expectedAnnualValue)}). The decision guide says do not deploy.
        </Alert>
      )}
    </>
  );
}

/** Benchmark band vs bottom-up band vs ongoing operations, and the bottom-up lines. */
export function ProjectionPanel({
  orgId,
  projectId,
  projection,
  costs,
}: {
  orgId: string;
  projectId: string;
  projection: Projection;
  costs: Costs;
}) {
  const [estimatesOpened, estimates] = useDisclosure(false);
  const money = (minor: number) => formatMoney(minor, projection.currency);
  const band = (b: { low: number; high: number }) => `${money(b.low)} – ${money(b.high)}`;
  const budget = costs.budgets.productionBudget;
  const max = Math.max(
    projection.benchmark.high,
    projection.headline.high,
    projection.ongoing.high,
    budget ?? 0,
    1,
  );
  const markers: Marker[] =
    budget !== null
      ? [{ value: budget, label: `Approved production budget: ${money(budget)}`, color: 'dark' }]
      : [];
  const teamLines = projection.bottomUpLines.filter((l) => l.source === 'team').length;

  return (
    <Panel
      id="projection-heading"
      title="Projected production cost"
      aside={
        costs.canEdit && (
          <Button
            variant="default"
            size="xs"
            leftSection={<IconCalculator size={14} aria-hidden />}
            onClick={estimates.open}
          >
            Use our own estimate
          </Button>
        )
      }
    >
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          {projection.pocCostSource === 'none'
            ? 'There is no POC cost yet (no POC spend and no POC budget), so the benchmark cannot be drawn.'
            : `The POC cost is ${money(projection.pocCost)}, from ${POC_COST_SOURCE[projection.pocCostSource]}.`}
          {budget !== null && ' The dark mark is the approved production budget.'}
        </Text>
        <Stack gap="md" data-testid="projection-bands">
          <RangeBar
            label="Benchmark (10x–20x the POC)"
            low={projection.benchmark.low}
            high={projection.benchmark.high}
            max={max}
            color="gray"
            valueText={projection.pocCost > 0 ? band(projection.benchmark) : 'Needs a POC cost'}
            markers={markers}
            hint="Rule of thumb: production costs ten to twenty times the proof of concept."
          />
          <RangeBar
            label="First-year production (bottom-up)"
            low={projection.headline.low}
            high={projection.headline.high}
            max={max}
            color="indigo"
            valueText={band(projection.headline)}
            markers={markers}
            hint={
              teamLines === 0
                ? 'The sum of the lines below, all from the seed ranges.'
                : `The sum of the lines below; ${teamLines} from your team’s own estimate.`
            }
            testId="headline-band"
          />
          <RangeBar
            label="Ongoing operations after year one"
            low={projection.ongoing.low}
            high={projection.ongoing.high}
            max={max}
            color="cyan"
            valueText={`${band(projection.ongoing)} a year`}
            hint="Retraining, monitoring and support once it runs."
          />
        </Stack>

        <div>
          <Text size="sm" fw={600} mb="xs">
            Bottom-up lines
          </Text>
          <List spacing={6} size="sm" listStyleType="none" data-testid="bottom-up-lines">
            {projection.bottomUpLines.map((l) => (
              <List.Item key={l.line}>
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm">{COST_LINE_LABELS[l.line]}</Text>
                    <Badge
                      size="xs"
                      variant={l.source === 'team' ? 'filled' : 'light'}
                      color={l.source === 'team' ? 'indigo' : 'gray'}
                      style={{ flexShrink: 0, overflow: 'visible' }}
                    >
                      {l.source === 'team' ? 'Team' : 'Seed'}
                    </Badge>
                  </Group>
                  <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                    {band(l)}
                  </Text>
                </Group>
              </List.Item>
            ))}
          </List>
          {!projection.bottomUpLines.some((l) => l.line === 'COMPLIANCE') && (
            <Text size="xs" c="dimmed" mt="xs">
              No compliance line: no regulatory criterion applies to this initiative.
            </Text>
          )}
        </div>
      </Stack>
      {costs.canEdit && (
        <EstimatesModal
          orgId={orgId}
          projectId={projectId}
          costs={costs}
          projection={projection}
          opened={estimatesOpened}
          onClose={estimates.close}
        />
      )}
    </Panel>
  );
}

const MULTIPLE_SCALE = 25;

/** Cost multiple with the 10x / 20x marks, burn forecast vs budget, and the 2x value check. */
export function CostChecksPanel({ projection }: { projection: Projection }) {
  const money = (minor: number) => formatMoney(minor, projection.currency);
  const { costMultiple, burn, value } = projection;
  const at = (x: number) => `${(x / MULTIPLE_SCALE) * 100}%`;

  return (
    <Panel id="checks-heading" title="Cost checks">
      <Stack gap="lg">
        <div data-testid="cost-multiple">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>
              Cost multiple
            </Text>
            <Text size="sm" fw={700} c={costMultiple === null ? 'dimmed' : multipleColor(costMultiple)}>
              {costMultiple === null ? 'Not yet' : formatMultiple(costMultiple)}
            </Text>
          </Group>
          {costMultiple !== null && (
            <Box pos="relative" mb={18} aria-hidden>
              <Progress
                value={Math.min(100, (costMultiple / MULTIPLE_SCALE) * 100)}
                color={multipleColor(costMultiple)}
                size="lg"
              />
              {[10, 20].map((mark) => (
                <Box
                  key={mark}
                  pos="absolute"
                  top={-3}
                  left={at(mark)}
                  style={{ transform: 'translateX(-50%)' }}
                >
                  <Box w={2} h={20} mx="auto" bg="var(--mantine-color-dark-4)" />
                  <Text size="xs" c="dimmed" ta="center">
                    {mark}x
                  </Text>
                </Box>
              ))}
            </Box>
          )}
          <Text size="xs" c="dimmed">
            {costMultiple === null
              ? 'Needs a POC cost: record POC spend or set a POC budget.'
              : `Spend after the POC (${money(projection.postPocSpend)}) divided by the POC cost (${money(projection.pocCost)}). Warns at 10x, critical at 20x.`}
          </Text>
        </div>

        <div data-testid="burn">
          <Group justify="space-between" mb={4}>
            <Text size="sm" fw={600}>
              Burn forecast
            </Text>
            {burn && (
              <Text
                size="sm"
                fw={700}
                c={burnColor(burn.ratio) === 'yellow' ? 'yellow.8' : burnColor(burn.ratio)}
              >
                {formatRatio(burn.ratio)} of budget
              </Text>
            )}
          </Group>
          {burn ? (
            <>
              <Progress
                value={Math.min(100, burn.ratio * 100)}
                color={burnColor(burn.ratio)}
                size="lg"
                aria-label={`Burn forecast: ${formatRatio(burn.ratio)} of the ${burn.against === 'POC_BUDGET' ? 'POC' : 'production'} budget`}
              />
              <Text size="xs" c="dimmed" mt={6}>
                At {money(Math.round(burn.dailyBurn))} a day (the last 90 days), spend reaches{' '}
                {money(burn.forecast)} by the stage’s expected end in {burn.daysLeft} day
                {burn.daysLeft === 1 ? '' : 's'}, against a{' '}
                {burn.against === 'POC_BUDGET' ? 'POC' : 'production'} budget of {money(burn.budget)}. Warns
                at 90%, critical at 100%.
              </Text>
            </>
          ) : (
            <Text size="xs" c="dimmed">
              Only for initiatives in POC or productionizing with a budget for that stage.
            </Text>
          )}
        </div>

        <div data-testid="value-check">
          <Group gap="xs" mb={4}>
            <IconScale size={16} aria-hidden />
            <Text size="sm" fw={600}>
              Value check (2x rule)
            </Text>
          </Group>
          <Text size="sm">
            {value.expectedAnnualValue === null || value.headlineLowToValue === null
              ? 'No expected annual value is recorded, so the cost cannot be weighed against it.'
              : value.doNotDeploy
                ? `Even the optimistic first-year cost (${money(projection.headline.low)}) is ${formatMultiple(value.headlineLowToValue)} the expected annual value of ${money(value.expectedAnnualValue)}: at 2x or more, do not deploy.`
                : `The optimistic first-year cost (${money(projection.headline.low)}) is ${formatRatio(value.headlineLowToValue)} of the expected annual value of ${money(value.expectedAnnualValue)}, below the 2x limit.`}
          </Text>
        </div>
      </Stack>
    </Panel>
  );
}

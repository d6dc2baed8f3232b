import {
  CRITERION_LABELS,
  type Criterion,
  formatMoney,
  RECOMMENDATION_LABELS,
  STAGE_LABELS,
} from '@gapline/domain';
import { LineChart } from '@mantine/charts';
import {
  Badge,
  Button,
  Card,
  Collapse,
  EmptyState,
  Group,
  List,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Timeline,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAlertTriangle,
  IconArrowBackUp,
  IconChartLine,
  IconCheck,
  IconChevronDown,
  IconChevronRight,
  IconFlag,
  IconRocket,
  IconShieldCheck,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { ErrorState } from '../../../ui/ErrorState';
import { formatDate, formatDateTime } from '../../../ui/format';
import type { Project } from '../api/types';
import { useChecklist } from '../api/use-checklist';
import { useReadinessHistory, useTransitions } from '../api/use-projects';
import { RECOMMENDATION_COLORS, RECOMMENDATION_EXPLAINED, RISK_CLASS_LABELS } from '../labels';
import { ReadinessSummary } from './ReadinessSummary';

function Panel({
  id,
  title,
  children,
  aside,
}: {
  id: string;
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <Card withBorder radius="md" padding="lg" component="section" aria-labelledby={id}>
      <Group justify="space-between" mb="md" wrap="nowrap">
        <Title order={2} fz="h4" id={id}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Card>
  );
}

const RECOMMENDATION_ICONS = {
  PRODUCTION_REQUIRED: IconRocket,
  POC_SUFFICIENT: IconCheck,
  DO_NOT_DEPLOY: IconAlertTriangle,
} as const;

/** The decision guide in plain words: the recommendation, what drove it, and the first-year cost band. */
export function DecisionPanel({ project, currency }: { project: Project; currency: string }) {
  const [othersOpen, others] = useDisclosure(false);
  const { decision } = project;
  const Icon = RECOMMENDATION_ICONS[decision.recommendation];
  const applying = decision.criteria.filter((c) => c.applies);
  const notApplying = decision.criteria.filter((c) => !c.applies);
  const money = (minor: number) => formatMoney(minor, currency);
  const label = (id: string) => CRITERION_LABELS[id as Criterion] ?? id;

  return (
    <Panel id="decision-heading" title="Decision guide">
      <Stack gap="md">
        <Group gap="md" wrap="nowrap" align="flex-start">
          <ThemeIcon
            size={44}
            radius="md"
            variant="light"
            color={RECOMMENDATION_COLORS[decision.recommendation]}
            aria-hidden
          >
            <Icon size={24} />
          </ThemeIcon>
          <div>
            <Text fz="lg" fw={700} data-testid="recommendation">
              {RECOMMENDATION_LABELS[decision.recommendation]}
            </Text>
            <Text size="sm" c="dimmed">
              {RECOMMENDATION_EXPLAINED[decision.recommendation]}
            </Text>
          </div>
        </Group>

        <div>
          <Text size="sm" fw={600} mb={6}>
            {applying.length === 0
              ? 'No production criterion applies.'
              : `${applying.length} production criteri${applying.length === 1 ? 'on applies' : 'a apply'}:`}
          </Text>
          {applying.length > 0 && (
            <List
              spacing={6}
              size="sm"
              icon={<IconFlag size={16} color="var(--mantine-color-orange-6)" aria-hidden />}
            >
              {applying.map((c) => (
                <List.Item key={c.id}>
                  <Text span fw={600} size="sm">
                    {label(c.id)}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {c.why}
                  </Text>
                </List.Item>
              ))}
            </List>
          )}
        </div>

        {notApplying.length > 0 && (
          <div>
            <Button
              variant="subtle"
              size="compact-sm"
              color="gray"
              onClick={others.toggle}
              aria-expanded={othersOpen}
              aria-controls="criteria-not-applying"
              leftSection={
                othersOpen ? (
                  <IconChevronDown size={14} aria-hidden />
                ) : (
                  <IconChevronRight size={14} aria-hidden />
                )
              }
            >
              {notApplying.length} criteri{notApplying.length === 1 ? 'on does' : 'a do'} not apply
            </Button>
            <Collapse expanded={othersOpen} id="criteria-not-applying">
              <List
                spacing={6}
                size="sm"
                mt="xs"
                icon={<IconCheck size={16} color="var(--mantine-color-gray-5)" aria-hidden />}
              >
                {notApplying.map((c) => (
                  <List.Item key={c.id}>
                    <Text span size="sm">
                      {label(c.id)}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {c.why}
                    </Text>
                  </List.Item>
                ))}
              </List>
            </Collapse>
          </div>
        )}

        <Card withBorder radius="md" padding="sm" bg="var(--mantine-color-gray-0)">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            First-year production cost
          </Text>
          <Text fz="lg" fw={700} data-testid="headline-cost">
            {money(decision.headline.low)} – {money(decision.headline.high)}
          </Text>
          <Text size="sm" c="dimmed">
            {project.expectedAnnualValue === null
              ? 'No expected annual value recorded, so the cost cannot be weighed against it.'
              : `Against an expected annual value of ${money(project.expectedAnnualValue)}.`}{' '}
            {decision.required.length} capabilities must be done before production.
          </Text>
        </Card>
      </Stack>
    </Panel>
  );
}

/** Readiness now and over time. */
export function ReadinessPanel({ orgId, project }: { orgId: string; project: Project }) {
  const history = useReadinessHistory(orgId, project.id);
  // The checklist (also what the Checklist tab shows) names the missing capabilities.
  const checklist = useChecklist(orgId, project.id);
  const names = Object.fromEntries((checklist.data?.items ?? []).map((i) => [i.key, i.name]));
  const points = history.data ?? [];
  // Within a couple of days the time tells the snapshots apart; beyond, the date is enough.
  const shortSpan =
    points.length > 1 &&
    new Date(points.at(-1)?.at ?? 0).getTime() - new Date(points[0]?.at ?? 0).getTime() < 2 * 86_400_000;
  const data = points.map((p) => ({
    date: shortSpan ? formatDateTime(p.at) : formatDate(p.at),
    done: p.done,
    threshold: p.threshold,
  }));
  return (
    <Panel id="readiness-heading" title="Production readiness">
      <ReadinessSummary readiness={project.readiness} names={names} />
      <Title order={3} fz="sm" mt="lg" mb="xs" c="dimmed">
        Trend over the last 180 days
      </Title>
      {history.isPending ? (
        <Skeleton height={180} />
      ) : history.isError ? (
        <ErrorState error={history.error} onRetry={() => history.refetch()} retrying={history.isFetching} />
      ) : data.length < 2 ? (
        <EmptyState
          variant="light"
          icon={<IconChartLine aria-hidden />}
          title="No trend yet"
          description="The trend appears once the checklist has changed over time."
        />
      ) : (
        <LineChart
          h={200}
          data={data}
          dataKey="date"
          series={[
            { name: 'done', label: 'Done', color: 'teal.6' },
            { name: 'threshold', label: 'Needed', color: 'orange.6', strokeDasharray: '5 5' },
          ]}
          curveType="stepAfter"
          withLegend
          withDots={data.length < 30}
          gridAxis="y"
          tickLine="none"
          yAxisProps={{ allowDecimals: false }}
          role="img"
          aria-label={`Readiness trend: ${data.length} snapshots, from ${data[0]?.done} to ${data.at(-1)?.done} done; ${data.at(-1)?.threshold} needed.`}
        />
      )}
    </Panel>
  );
}

/** The stage history, oldest first. */
export function StageTimelinePanel({ orgId, projectId }: { orgId: string; projectId: string }) {
  const transitions = useTransitions(orgId, projectId);
  return (
    <Panel id="timeline-heading" title="Stage history">
      {transitions.isPending ? (
        <Stack>
          <Skeleton height={40} />
          <Skeleton height={40} />
        </Stack>
      ) : transitions.isError ? (
        <ErrorState
          error={transitions.error}
          onRetry={() => transitions.refetch()}
          retrying={transitions.isFetching}
        />
      ) : transitions.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No stage changes recorded.
        </Text>
      ) : (
        <Timeline active={transitions.data.length - 1} bulletSize={22} lineWidth={2}>
          {transitions.data.map((t) => (
            <Timeline.Item
              key={t.id}
              bullet={
                t.override ? (
                  <IconShieldCheck size={13} aria-hidden />
                ) : t.fromStage && isBackward(t.fromStage, t.toStage) ? (
                  <IconArrowBackUp size={13} aria-hidden />
                ) : undefined
              }
              title={
                <Group gap="xs" wrap="wrap">
                  <Text size="sm" fw={600}>
                    {t.fromStage === null
                      ? `Registered in ${STAGE_LABELS[t.toStage]}`
                      : `${STAGE_LABELS[t.fromStage]} → ${STAGE_LABELS[t.toStage]}`}
                  </Text>
                  {t.override && (
                    <Badge size="sm" color="red" variant="light">
                      Override
                    </Badge>
                  )}
                </Group>
              }
            >
              <Text size="xs" c="dimmed">
                {t.actorName ?? 'Gapline'} · <time dateTime={t.at}>{formatDateTime(t.at)}</time>
              </Text>
              {t.reason && (
                <Text size="sm" mt={4} fs="italic">
                  “{t.reason}”
                </Text>
              )}
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Panel>
  );
}

const ORDER = ['IDEA', 'POC', 'POC_SUFFICIENT', 'PRODUCTIONIZING', 'PRODUCTION'];
function isBackward(from: string, to: string): boolean {
  const a = ORDER.indexOf(from);
  const b = ORDER.indexOf(to);
  return a >= 0 && b >= 0 && b < a;
}

/** The recorded facts of the initiative. */
export function DetailsPanel({ project, currency }: { project: Project; currency: string }) {
  const c = project.criteriaValues;
  const money = (minor: number | null | undefined) =>
    minor === null || minor === undefined ? 'Not recorded' : formatMoney(minor, currency);
  const yesNo = (v: boolean | undefined) => (v ? 'Yes' : 'No');
  const rows: [string, ReactNode][] = [
    ['Business unit', project.businessUnit || '—'],
    ['Owner', project.owner.name],
    ['EU AI Act risk class', RISK_CLASS_LABELS[project.riskClass]],
    ['Expected annual value', money(project.expectedAnnualValue)],
    ['Start date', project.startDate ? formatDate(project.startDate) : '—'],
    ['Target date', project.targetDate ? formatDate(project.targetDate) : '—'],
    ['Revenue at risk (1% errors)', money(c.revenueAtRisk)],
    ['Regulated decisions', yesNo(c.regulatedDecisions)],
    ['Personal data', yesNo(c.personalData)],
    [
      'Uptime SLA',
      c.uptimeSlaBp === null || c.uptimeSlaBp === undefined ? 'None' : `${c.uptimeSlaBp / 100}%`,
    ],
    [
      'Retention',
      c.retentionYears === null || c.retentionYears === undefined
        ? 'Not recorded'
        : `${c.retentionYears} years`,
    ],
    ['Silent degradation', yesNo(c.silentDegradation)],
    ['Dependent teams', c.dependentTeams ?? 'Not recorded'],
  ];
  return (
    <Panel id="details-heading" title="Details">
      {project.description && (
        <Text size="sm" mb="md" style={{ whiteSpace: 'pre-wrap' }}>
          {project.description}
        </Text>
      )}
      <dl className="facts">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {project.tags.length > 0 && (
        <Group gap={6} mt="md">
          {project.tags.map((tag) => (
            <Badge key={tag} variant="default" tt="none">
              {tag}
            </Badge>
          ))}
        </Group>
      )}
    </Panel>
  );
}

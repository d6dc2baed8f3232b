import { RECOMMENDATION_LABELS, type Recommendation, STAGE_LABELS, type Stage } from '@gapline/domain';
import { Badge, type BadgeProps, Group, Progress, Text, Tooltip } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import type { Readiness } from '../api/types';
import { RECOMMENDATION_COLORS, STAGE_COLORS } from '../labels';

export function StageBadge({ stage, ...props }: { stage: Stage } & BadgeProps) {
  return (
    <Badge variant="light" color={STAGE_COLORS[stage]} tt="none" {...props}>
      {STAGE_LABELS[stage]}
    </Badge>
  );
}

export function RecommendationBadge({
  recommendation,
  ...props
}: { recommendation: Recommendation } & BadgeProps) {
  return (
    <Badge variant="outline" color={RECOMMENDATION_COLORS[recommendation]} tt="none" {...props}>
      {RECOMMENDATION_LABELS[recommendation]}
    </Badge>
  );
}

/** "12 of 17" with a small bar and a ready / not-ready mark. */
export function ReadinessMeter({ readiness, width = 100 }: { readiness: Readiness; width?: number }) {
  const { done, applicable, threshold, ready } = readiness;
  const percent = applicable === 0 ? 0 : Math.round((done / applicable) * 100);
  const label = `${done} of ${applicable} done, ${threshold} needed: ${ready ? 'ready' : 'not ready'}`;
  return (
    <Tooltip label={label} withArrow>
      <Group gap={6} wrap="nowrap" w={width}>
        {ready ? (
          <IconCircleCheck size={16} color="var(--mantine-color-teal-6)" aria-hidden />
        ) : (
          <IconCircleX size={16} color="var(--mantine-color-gray-5)" aria-hidden />
        )}
        <div style={{ flex: 1 }}>
          <Text size="xs" lh={1.2} style={{ whiteSpace: 'nowrap' }}>
            {done} of {applicable}
            <span className="visually-hidden">
              {' '}
              done, {threshold} needed: {ready ? 'ready' : 'not ready'}
            </span>
          </Text>
          <Progress
            value={percent}
            size="sm"
            mt={3}
            color={ready ? 'teal' : done >= threshold ? 'yellow' : 'indigo'}
            aria-hidden
          />
        </div>
      </Group>
    </Tooltip>
  );
}

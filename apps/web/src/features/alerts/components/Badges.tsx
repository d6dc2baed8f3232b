import type { AlertState, Severity } from '@gapline/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import { SEVERITY_COLORS, SEVERITY_LABELS, STATE_COLORS, STATE_LABELS } from '../labels';

export function SeverityBadge({ severity, ...props }: { severity: Severity } & BadgeProps) {
  return (
    <Badge
      color={SEVERITY_COLORS[severity]}
      variant={severity === 'CRITICAL' ? 'filled' : 'light'}
      {...props}
    >
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

export function AlertStateBadge({ state, ...props }: { state: AlertState } & BadgeProps) {
  return (
    <Badge color={STATE_COLORS[state]} variant="outline" tt="none" {...props}>
      {STATE_LABELS[state]}
    </Badge>
  );
}

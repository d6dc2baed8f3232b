import type { AlertState, Severity } from '@gapline/domain';
import { Badge, type BadgeProps } from '@mantine/core';
import { SEVERITY_COLORS, SEVERITY_LABELS, STATE_COLORS, STATE_LABELS } from '../labels';

// A badge never shrinks below its label: in a tight table column it would otherwise be cut to "Op…".
export function SeverityBadge({ severity, ...props }: { severity: Severity } & BadgeProps) {
  return (
    <Badge
      color={SEVERITY_COLORS[severity]}
      variant={severity === 'CRITICAL' ? 'filled' : 'light'}
      miw="max-content"
      {...props}
    >
      {SEVERITY_LABELS[severity]}
    </Badge>
  );
}

export function AlertStateBadge({ state, ...props }: { state: AlertState } & BadgeProps) {
  return (
    <Badge color={STATE_COLORS[state]} variant="outline" tt="none" miw="max-content" {...props}>
      {STATE_LABELS[state]}
    </Badge>
  );
}

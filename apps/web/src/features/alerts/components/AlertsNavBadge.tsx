import { Badge } from '@mantine/core';
import { useAlertSummary } from '../api/use-alerts';

/** The count of open alerts next to "Alerts" in the navigation; red while any is critical. */
export function AlertsNavBadge({ orgId }: { orgId: string }) {
  const summary = useAlertSummary(orgId);
  const s = summary.data;
  if (!s || s.open === 0) return null;
  return (
    <Badge
      size="sm"
      circle={s.open < 10}
      color={s.critical > 0 ? 'red' : 'yellow'}
      variant={s.critical > 0 ? 'filled' : 'light'}
      aria-label={`${s.open} open alert${s.open === 1 ? '' : 's'}${s.critical > 0 ? `, ${s.critical} critical` : ''}`}
      data-testid="alerts-nav-badge"
    >
      {s.open}
    </Badge>
  );
}

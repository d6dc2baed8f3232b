/** Every job the system knows, with its payload. Tenant jobs carry the organisation they act for. */
export interface JobPayloads {
  'invitation.email': { orgId: string; invitationId: string; acceptUrl: string; invitedBy: string };
  'maintenance.purge': Record<string, never>;
  /** Fans out one readiness.snapshot per organisation. */
  'readiness.sweep': Record<string, never>;
  'readiness.snapshot': { orgId: string };
  /** Fans out one alerts.evaluate per organisation, once per tick. */
  'alerts.sweep': { tick?: string };
  /** Evaluates the alert rules of an organisation, or of one of its projects after a change. */
  'alerts.evaluate': { orgId: string; projectId?: string };
  'webhook.deliver': { orgId: string; deliveryId: string };
  /** One e-mail per recipient with the alerts that opened or resolved in a window. */
  'alerts.digest': { orgId: string; since: string; until: string };
}
export type JobName = keyof JobPayloads;
export const JOB_NAMES: readonly JobName[] = [
  'invitation.email',
  'maintenance.purge',
  'readiness.sweep',
  'readiness.snapshot',
  'alerts.sweep',
  'alerts.evaluate',
  'webhook.deliver',
  'alerts.digest',
];

export interface JobHandler<N extends JobName = JobName> {
  readonly name: N;
  handle(payload: JobPayloads[N]): Promise<void>;
}

export interface Schedule {
  name: JobName;
  everyMs: number;
}

/** Repeating jobs and how often they run (the alert sweep's interval is configurable). */
export function schedules(alertSweepMinutes = 60): Schedule[] {
  return [
    { name: 'maintenance.purge', everyMs: 24 * 3_600_000 },
    { name: 'readiness.sweep', everyMs: 24 * 3_600_000 },
    { name: 'alerts.sweep', everyMs: alertSweepMinutes * 60_000 },
  ];
}

/** Retry policy per job; the default suits most. Webhooks retry longer, for receivers that are down. */
export const JOB_ATTEMPTS: Partial<Record<JobName, number>> = { 'webhook.deliver': 6 };

export const QUEUE_NAME = 'gapline';
export const JOB_HANDLERS = Symbol('JOB_HANDLERS');

/** Checks that every job has exactly one handler: a worker that cannot run every job must not start. */
export function handlerMap(handlers: readonly JobHandler[]): Map<JobName, JobHandler> {
  const map = new Map<JobName, JobHandler>();
  for (const h of handlers) {
    if (!JOB_NAMES.includes(h.name)) throw new Error(`Handler for unknown job "${h.name}"`);
    if (map.has(h.name)) throw new Error(`Job "${h.name}" has two handlers`);
    map.set(h.name, h);
  }
  const missing = JOB_NAMES.filter((n) => !map.has(n));
  if (missing.length) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
  return map;
}

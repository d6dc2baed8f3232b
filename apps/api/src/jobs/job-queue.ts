import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config.js';
import {
  handlerMap,
  JOB_ATTEMPTS,
  JOB_HANDLERS,
  type JobHandler,
  type JobName,
  type JobPayloads,
  QUEUE_NAME,
  schedules,
} from './jobs.js';

/**
 * Puts work on the BullMQ queue for the worker. Without Redis (embedded mode) the same handlers
 * run in this process instead, and the log says so.
 */
@Injectable()
export class JobQueue implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private readonly queue: Queue | null;
  private readonly connection: Redis | null;
  private readonly handlers: Map<JobName, JobHandler>;
  private readonly timers: NodeJS.Timeout[] = [];
  /** In-process jobs waiting to run, by job id, so a repeated id is ignored as BullMQ would. */
  private readonly pending = new Set<string>();

  constructor(@Inject(CONFIG) config: Config, @Inject(JOB_HANDLERS) handlers: JobHandler[]) {
    this.handlers = handlerMap(handlers);
    if (config.REDIS_URL) {
      // Fail fast while Redis is away instead of queueing commands: a request must never hang on it.
      this.connection = new Redis(config.REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
      this.connection.on('error', (err: Error) => this.log.warn(`Redis: ${err.message}`));
      this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix: config.QUEUE_PREFIX });
      this.queue.on('error', () => {}); // reported once per reconnect by the connection listener above
    } else {
      this.connection = null;
      this.queue = null;
      this.log.warn(
        'REDIS_URL is not set: background jobs run IN-PROCESS, without retries or a separate worker',
      );
      if (config.NODE_ENV !== 'test') {
        for (const s of schedules(config.ALERT_SWEEP_MINUTES)) {
          this.timers.push(setInterval(() => void this.enqueue(s.name, {} as never), s.everyMs).unref());
        }
      }
    }
  }

  get redis(): Redis | null {
    return this.connection;
  }

  /**
   * `jobId` makes the enqueue idempotent (a second job with the same id is ignored); `delayMs`
   * holds the job back, e.g. to gather a digest.
   */
  async enqueue<N extends JobName>(
    name: N,
    payload: JobPayloads[N],
    opts: { jobId?: string; delayMs?: number } = {},
  ): Promise<void> {
    if (this.queue) {
      // BullMQ waits for a connection indefinitely; a caller must learn at once that Redis is away.
      if (this.connection?.status !== 'ready')
        throw new Error(`Redis is not connected (${this.connection?.status})`);
      await withTimeout(
        this.queue.add(name, payload, {
          jobId: opts.jobId,
          delay: opts.delayMs,
          attempts: JOB_ATTEMPTS[name] ?? 5,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: 1_000,
          removeOnFail: 5_000,
        }),
        5_000,
        'Redis did not accept the job within 5 s',
      );
      return;
    }
    if (opts.jobId) {
      if (this.pending.has(opts.jobId)) return;
      this.pending.add(opts.jobId);
    }
    setTimeout(() => {
      if (opts.jobId) this.pending.delete(opts.jobId);
      this.run(name, payload).catch((err: Error) =>
        this.log.error(`in-process job ${name} failed: ${err.message}`),
      );
    }, opts.delayMs ?? 0).unref();
  }

  /** Runs a job through its handler: the one code path for the worker and in-process mode. */
  run(name: string, payload: unknown): Promise<void> {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    return handler.handle(payload as never);
  }

  /** Gives Redis a moment to connect at boot, so the first requests can queue jobs. */
  async onModuleInit(): Promise<void> {
    const c = this.connection;
    if (!c || c.status === 'ready') return;
    await withTimeout(new Promise((resolve) => c.once('ready', resolve)), 2_000, 'no Redis yet').catch(() =>
      this.log.warn('Redis is not reachable yet: jobs cannot be queued until it is'),
    );
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.queue) await withTimeout(this.queue.close(), 2_000, 'queue close').catch(() => {});
    this.connection?.disconnect();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

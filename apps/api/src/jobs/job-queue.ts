import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
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
  SCHEDULES,
} from './jobs.js';

/**
 * Puts work on the BullMQ queue for the worker. Without Redis (embedded mode) the same handlers
 * run in this process instead, and the log says so.
 */
@Injectable()
export class JobQueue implements OnModuleDestroy {
  private readonly log = new Logger('Jobs');
  private readonly queue: Queue | null;
  private readonly connection: Redis | null;
  private readonly handlers: Map<JobName, JobHandler>;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(@Inject(CONFIG) config: Config, @Inject(JOB_HANDLERS) handlers: JobHandler[]) {
    this.handlers = handlerMap(handlers);
    if (config.REDIS_URL) {
      this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
      this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix: config.QUEUE_PREFIX });
    } else {
      this.connection = null;
      this.queue = null;
      this.log.warn(
        'REDIS_URL is not set: background jobs run IN-PROCESS, without retries or a separate worker',
      );
      if (config.NODE_ENV !== 'test') {
        for (const s of SCHEDULES) {
          this.timers.push(setInterval(() => void this.enqueue(s.name, {} as never), s.everyMs).unref());
        }
      }
    }
  }

  get redis(): Redis | null {
    return this.connection;
  }

  /** `jobId` makes the enqueue idempotent: BullMQ ignores a second job with the same id. */
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], jobId?: string): Promise<void> {
    if (this.queue) {
      await this.queue.add(name, payload, {
        jobId,
        attempts: JOB_ATTEMPTS[name] ?? 5,
        backoff: { type: 'exponential', delay: 2_000 },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      });
      return;
    }
    setImmediate(() => {
      this.run(name, payload).catch((err: Error) =>
        this.log.error(`in-process job ${name} failed: ${err.message}`),
      );
    });
  }

  /** Runs a job through its handler: the one code path for the worker and in-process mode. */
  run(name: string, payload: unknown): Promise<void> {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    return handler.handle(payload as never);
  }

  async onModuleDestroy(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.queue?.close();
    this.connection?.disconnect();
  }
}

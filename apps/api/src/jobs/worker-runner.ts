import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import type { JobQueue } from './job-queue.js';
import { schedules as defaultSchedules, QUEUE_NAME, type Schedule } from './jobs.js';

export interface RunningWorker {
  worker: Worker;
  close(): Promise<void>;
}

/** Consumes the queue with the same handlers the API would run in-process, and keeps the schedules. */
export async function startWorker(
  config: Config & { REDIS_URL: string },
  jobs: JobQueue,
  onFailed: (name: string, err: Error) => void,
  schedules: Schedule[] = defaultSchedules(config.ALERT_SWEEP_MINUTES),
): Promise<RunningWorker> {
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const prefix = config.QUEUE_PREFIX;
  const queue = new Queue(QUEUE_NAME, { connection, prefix });
  for (const s of schedules) {
    await queue.upsertJobScheduler(s.name, { every: s.everyMs }, { name: s.name, data: {} });
  }
  const worker = new Worker(QUEUE_NAME, (job) => jobs.run(job.name, job.data), {
    connection,
    prefix,
    concurrency: 4,
    // A job whose worker died unlocks after this long and is run again by the next worker.
    lockDuration: config.WORKER_LOCK_SECONDS * 1000,
    stalledInterval: config.WORKER_LOCK_SECONDS * 1000,
  });
  worker.on('failed', (job, err) => onFailed(job?.name ?? '?', err));
  return {
    worker,
    close: async () => {
      await worker.close();
      await queue.close();
      connection.disconnect();
    },
  };
}

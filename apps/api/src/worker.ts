import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app.module.js';
import { createPino, PinoNestLogger } from './common/logger.js';
import { loadConfig } from './config.js';
import { JobQueue } from './jobs/job-queue.js';
import { schedules } from './jobs/jobs.js';
import { startWorker } from './jobs/worker-runner.js';

/** The second entry point: BullMQ processors and job schedulers over the API's own code. */
const config = loadConfig();
const { REDIS_URL } = config;
if (!REDIS_URL) {
  console.error('The worker needs REDIS_URL. Without Redis, the API runs jobs in-process itself.');
  process.exit(1);
}
const log = new Logger('Worker');
const app = await NestFactory.createApplicationContext(WorkerModule, {
  logger: new PinoNestLogger(createPino(config.LOG_LEVEL)),
});
// JobQueue refuses to construct unless every job has exactly one handler.
const running = await startWorker({ ...config, REDIS_URL }, app.get(JobQueue), (name, err) =>
  log.error(`job ${name} failed: ${err.message}`),
);
log.log(
  `worker started: ${schedules().length} schedule(s), alert sweep every ${config.ALERT_SWEEP_MINUTES} min, prefix "${config.QUEUE_PREFIX}"`,
);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await running.close();
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { WorkerModule } from './app.module.js';
import { createPino, PinoNestLogger } from './common/logger.js';
import { loadConfig } from './config.js';
import { JobQueue } from './jobs/job-queue.js';
import { QUEUE_NAME, SCHEDULES } from './jobs/jobs.js';

/** The second entry point: BullMQ processors and job schedulers over the API's own code. */
const config = loadConfig();
if (!config.REDIS_URL) {
  console.error('The worker needs REDIS_URL. Without Redis, the API runs jobs in-process itself.');
  process.exit(1);
}
const log = new Logger('Worker');
const app = await NestFactory.createApplicationContext(WorkerModule, {
  logger: new PinoNestLogger(createPino(config.LOG_LEVEL)),
});
const jobs = app.get(JobQueue); // refuses to construct unless every job has exactly one handler
const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
const queue = new Queue(QUEUE_NAME, { connection });
for (const s of SCHEDULES) {
  await queue.upsertJobScheduler(s.name, { every: s.everyMs }, { name: s.name, data: {} });
}
const worker = new Worker(QUEUE_NAME, (job) => jobs.run(job.name, job.data), { connection, concurrency: 4 });
worker.on('failed', (job, err) => log.error(`job ${job?.name} ${job?.id} failed: ${err.message}`));
log.log(`worker started: queue "${QUEUE_NAME}", ${SCHEDULES.length} schedule(s)`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await worker.close();
  await queue.close();
  connection.disconnect();
  await app.close();
  process.exit(0);
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

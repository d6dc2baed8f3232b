import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './app.module.js';
import { seedDemo } from './seed.js';

/** `prisma db seed`: the demo organisation, when the database has no users yet. */
const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['warn', 'error'] });
const logins = await seedDemo(app);
await app.close();
for (const l of logins) console.log(`${l.role.padEnd(14)} ${l.email} / ${l.password}`);

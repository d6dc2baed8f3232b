import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { openApiDocument } from './bootstrap.js';

/** Writes the OpenAPI document without connecting to anything (preview mode builds no providers). */
const out = process.argv[2];
if (!out) throw new Error('usage: node dist/openapi.js <output.json>');
process.env.DATABASE_URL ??= 'postgresql://unused@localhost/unused';
const app = await NestFactory.create<NestExpressApplication>(AppModule, { preview: true, logger: false });
app.setGlobalPrefix('api', { exclude: ['metrics'] });
writeFileSync(out, `${JSON.stringify(openApiDocument(app), null, 2)}\n`);
await app.close();
console.log(`OpenAPI document written to ${out}`);

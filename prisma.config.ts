import path from 'node:path';
import { defineConfig } from 'prisma/config';

// The CLI would download a native schema engine; the WASM stand-in needs no download (prisma/engine).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, 'prisma/engine/schema-engine.mjs');

// Prisma 7 reads no .env file by itself: the environment is the configuration.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'node apps/api/dist/seed-cli.js' },
  datasource: {
    url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/gapline',
    shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL,
  },
});

import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const app = await createApp(config);
app.enableShutdownHooks(); // SIGTERM from the orchestrator: finish requests, close pools, exit
await app.listen(config.PORT);
console.log(`Gapline API listening on http://localhost:${config.PORT} (OpenAPI at /api/docs)`);

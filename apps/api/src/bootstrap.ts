import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AppModule } from './app.module.js';
import { validationException } from './common/errors.js';
import { InputPipe } from './common/input-guard.js';
import { createPino, PinoNestLogger } from './common/logger.js';
import { metricsMiddleware } from './common/metrics.js';
import { type Config, loadConfig } from './config.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export function openApiDocument(app: NestExpressApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Gapline API')
    .setDescription(
      'Portfolio tracker for AI initiatives. Organisation routes live under /api/orgs/{orgId}; ' +
        'each declares the permission it needs in `x-permission`.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config, {
    operationIdFactory: (controller, method) => `${controller.replace(/Controller$/, '')}_${method}`,
  });
}

/** Everything HTTP, shared by the server and the integration tests so they exercise the same stack. */
export function configureApp(app: NestExpressApplication, config: Config): void {
  const logger = createPino(config.LOG_LEVEL);
  app.useLogger(new PinoNestLogger(logger));
  app.set('query parser', 'extended');
  // Behind a proxy the client address (audit trail, login throttling) comes from X-Forwarded-For.
  app.set('trust proxy', config.TRUST_PROXY);
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const given = req.headers['x-request-id'];
        const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/api/health' || req.url === '/metrics' },
    }),
  );
  app.use(metricsMiddleware);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'script-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'https:'],
        },
      },
    }),
  );
  app.use(cookieParser());
  if (config.CORS_ORIGINS.length) app.enableCors({ origin: config.CORS_ORIGINS, credentials: true });
  // After the middleware above, so a body refused while parsing (bad JSON, too large) still gets the
  // request id, the log line, the metrics, the security headers and CORS.
  app.useBodyParser('json', { limit: '100kb' });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  app.useGlobalPipes(
    new InputPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: false,
      exceptionFactory: validationException,
    }),
  );
  SwaggerModule.setup('api/docs', app, openApiDocument(app), { jsonDocumentUrl: 'api/docs.json' });
  serveDashboard(app, config);
}

/** The built dashboard on the same origin as the API, with client-side routes falling back to index.html. */
function serveDashboard(app: NestExpressApplication, config: Config): void {
  const dist = config.WEB_DIST ?? path.resolve(here, '../../web/dist');
  if (!existsSync(path.join(dist, 'index.html'))) return;
  app.use(express.static(dist, { index: false, maxAge: '1h' }));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path === '/metrics') return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dist, 'index.html'));
  });
}

export async function createApp(config: Config = loadConfig()): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, {
    bufferLogs: true,
    bodyParser: true,
  });
  configureApp(app, config);
  return app;
}

import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/authorized.decorator.js';
import { registry } from '../common/metrics.js';
import { PrismaService } from '../db/prisma.service.js';
import { JobQueue } from '../jobs/job-queue.js';

export class HealthDto {
  @ApiProperty({ example: 'ok' }) status: string;
}

export class HealthReadinessDto {
  @ApiProperty({ example: 'ok' }) status: string;
  @ApiProperty({ example: 'ok' }) database: string;
  @ApiProperty({ example: 'ok', description: '"in-process" when no Redis is configured' }) redis: string;
}

async function check(probe: () => Promise<unknown>): Promise<string> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000)),
    ]);
    return 'ok';
  } catch (err) {
    return `down: ${(err as Error).message}`;
  }
}

@ApiTags('health')
@Controller()
export class HealthController {
  constructor(
    private readonly prisma: PrismaService,
    private readonly jobs: JobQueue,
  ) {}

  @Get('health')
  @Public()
  @ApiOkResponse({ type: HealthDto, description: 'The process is alive' })
  health(): HealthDto {
    return { status: 'ok' };
  }

  @Get('ready')
  @Public()
  @ApiOkResponse({ type: HealthReadinessDto, description: 'Database and Redis answer' })
  @ApiResponse({ status: 503, description: 'A dependency is down' })
  async ready(): Promise<HealthReadinessDto> {
    const redis = this.jobs.redis;
    const [database, redisState] = await Promise.all([
      check(() => this.prisma.$queryRaw`SELECT 1`),
      redis ? check(() => redis.ping()) : Promise.resolve('in-process'),
    ]);
    const out = { status: 'ok', database, redis: redisState };
    if (database !== 'ok' || !['ok', 'in-process'].includes(redisState)) {
      throw new ServiceUnavailableException(`Not ready: database ${database}, redis ${redisState}`);
    }
    return out;
  }
}

/** Prometheus scrapes `/metrics`, outside the `/api` prefix. */
@Controller()
export class MetricsController {
  @Get('metrics')
  @Public()
  @ApiExcludeEndpoint()
  async metrics(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', registry.contentType);
    res.send(await registry.metrics());
  }
}

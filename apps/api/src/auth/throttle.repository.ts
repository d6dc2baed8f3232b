import { Injectable } from '@nestjs/common';
import { PrismaService } from '../db/prisma.service.js';

/** Fixed-window failure counters shared by every API replica through the database. */
@Injectable()
export class ThrottleRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Seconds until the key may try again, or 0 when it is not blocked. */
  async blockedFor(key: string, maxFailures: number, windowSeconds: number): Promise<number> {
    const row = await this.prisma.authThrottle.findUnique({ where: { key } });
    if (!row || row.failures < maxFailures) return 0;
    const reopens = row.windowStartedAt.getTime() + windowSeconds * 1000;
    return Math.max(0, Math.ceil((reopens - Date.now()) / 1000));
  }

  async recordFailure(key: string, windowSeconds: number): Promise<void> {
    await this.prisma.$executeRaw`
      INSERT INTO auth_throttle (key, failures, window_started_at) VALUES (${key}, 1, now())
      ON CONFLICT (key) DO UPDATE SET
        failures = CASE WHEN auth_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds}::int)
                        THEN 1 ELSE auth_throttle.failures + 1 END,
        window_started_at = CASE WHEN auth_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds}::int)
                        THEN now() ELSE auth_throttle.window_started_at END`;
  }

  async clear(key: string): Promise<void> {
    await this.prisma.authThrottle.deleteMany({ where: { key } });
  }

  async purgeOlderThan(cutoff: Date): Promise<number> {
    const { count } = await this.prisma.authThrottle.deleteMany({
      where: { windowStartedAt: { lt: cutoff } },
    });
    return count;
  }
}

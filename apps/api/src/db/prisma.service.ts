import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { CONFIG, type Config } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/** The role every API connection runs as: not the tables' owner, so row-level security applies. */
export const APP_DB_ROLE = 'gapline_app';

/**
 * The one PrismaClient of the process. Every pooled connection drops to the non-owner role
 * before it is handed out, so even a query that forgot its organisation meets row-level security.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: pg.Pool;

  constructor(@Inject(CONFIG) config: Config) {
    const pool = new pg.Pool({ connectionString: config.DATABASE_URL, max: config.DB_POOL_SIZE });
    const log = new Logger('Database');
    pool.on('connect', (client) => {
      client
        .query(`SET ROLE ${APP_DB_ROLE}`)
        .catch((err: Error) => log.error(`SET ROLE failed: ${err.message}`));
    });
    pool.on('error', (err) => log.error(`idle connection error: ${err.message}`));
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}

import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { CONFIG, type Config } from '../config.js';
import { PrismaClient } from '../generated/prisma/client.js';

/** The role every API connection runs as: not the tables' owner, so row-level security applies. */
export const APP_DB_ROLE = 'gapline_app';

/**
 * A connection that switches to the non-owner role before the pool hands it out. (Not a startup
 * option: the embedded PGlite server ignores those. Not a query from the pool's `connect` event:
 * that would run beside the first query the connection is given.)
 */
class AppRoleClient extends pg.Client {
  override connect(): Promise<pg.Client>;
  override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
  override connect(
    callback?: (err: Error | null, client?: pg.Client) => void,
  ): Promise<pg.Client> | undefined {
    const ready = super.connect().then(async () => {
      await this.query(`SET ROLE ${APP_DB_ROLE}`);
      return this as pg.Client;
    });
    if (!callback) return ready;
    ready.then((client) => callback(null, client), callback);
    return undefined;
  }
}

/**
 * The one PrismaClient of the process. Every pooled connection runs as the non-owner role, so even
 * a query that forgot its organisation meets row-level security.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  readonly pool: pg.Pool;

  constructor(@Inject(CONFIG) config: Config) {
    const pool = new pg.Pool({
      connectionString: config.DATABASE_URL,
      max: config.DB_POOL_SIZE,
      Client: AppRoleClient,
    });
    const log = new Logger('Database');
    pool.on('error', (err) => log.error(`idle connection error: ${err.message}`));
    super({ adapter: new PrismaPg(pool) });
    this.pool = pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    await this.pool.end();
  }
}

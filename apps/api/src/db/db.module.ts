import { Global, Module } from '@nestjs/common';
import { CONFIG, loadConfig } from '../config.js';
import { PrismaService } from './prisma.service.js';
import { TenantDb } from './tenant.js';

@Global()
@Module({
  providers: [{ provide: CONFIG, useFactory: () => loadConfig() }, PrismaService, TenantDb],
  exports: [CONFIG, PrismaService, TenantDb],
})
export class DbModule {}

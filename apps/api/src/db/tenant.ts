import { Injectable } from '@nestjs/common';
import type { Prisma } from '../generated/prisma/client.js';
import { PrismaService } from './prisma.service.js';

declare const orgIdBrand: unique symbol;
/** An organisation id that came from a route and a verified membership. */
export type OrgId = string & { readonly [orgIdBrand]: true };

export type Tx = Prisma.TransactionClient;

/**
 * The only way to reach tenant data. A scope exists only inside `TenantDb.run`, which sets the
 * organisation for row-level security in the same transaction; repositories take a scope as their
 * first argument, so a tenant query without an organisation does not compile.
 */
export interface TenantScope {
  readonly orgId: OrgId;
  readonly tx: Tx;
}

@Injectable()
export class TenantDb {
  constructor(private readonly prisma: PrismaService) {}

  run<T>(
    orgId: OrgId,
    fn: (scope: TenantScope) => Promise<T>,
    opts: { timeoutMs?: number } = {},
  ): Promise<T> {
    return this.prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT set_config('app.org_id', ${orgId}, true)`;
        return fn({ orgId, tx });
      },
      { timeout: opts.timeoutMs ?? 10_000, maxWait: 5_000 },
    );
  }

  /** For reads across the organisations of one user (their memberships), never another user's. */
  asUser<T>(userId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
    return this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT set_config('app.user_id', ${userId}, true)`;
      return fn(tx);
    });
  }
}

export function asOrgId(id: string): OrgId {
  return id as OrgId;
}

import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import type { ActorType, AuditEvent } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { type ChainedFields, eventHash, GENESIS_HASH } from './hash.js';

export type NewAuditEvent = Omit<ChainedFields, 'orgId' | 'seq' | 'at' | 'actorType'> & {
  actorType: ActorType;
};

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  from?: Date;
  to?: Date;
  /** Return events older than this sequence number (cursor pagination, newest first). */
  beforeSeq?: bigint;
  limit: number;
}

function json(value: unknown): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return value === null || value === undefined ? Prisma.DbNull : (value as Prisma.InputJsonValue);
}

@Injectable()
export class AuditRepository {
  /**
   * Appends one event to the organisation's chain. Advancing the head on the organisation row
   * locks it until commit, so concurrent writers of one organisation can never fork the chain.
   */
  async append(scope: TenantScope, event: NewAuditEvent): Promise<void> {
    const { tx, orgId } = scope;
    const [head] = await tx.$queryRaw<{ seq: bigint }[]>`
      UPDATE organizations SET audit_head_seq = audit_head_seq + 1
      WHERE id = ${orgId}::uuid RETURNING audit_head_seq AS seq`;
    if (!head) throw new Error(`organisation ${orgId} not found for audit`);
    const seq = head.seq;
    const prev =
      seq > 1n
        ? await tx.auditEvent.findUnique({
            where: { orgId_seq: { orgId, seq: seq - 1n } },
            select: { hash: true },
          })
        : null;
    const prevHash = prev?.hash ?? GENESIS_HASH;
    const fields = { ...event, orgId, seq, at: new Date() };
    await tx.auditEvent.create({
      data: {
        ...fields,
        before: json(event.before),
        after: json(event.after),
        prevHash,
        hash: eventHash(prevHash, fields),
      },
    });
  }

  list(scope: TenantScope, f: AuditFilter): Promise<AuditEvent[]> {
    return scope.tx.auditEvent.findMany({
      where: {
        orgId: scope.orgId,
        entityType: f.entityType,
        entityId: f.entityId,
        actorId: f.actorId,
        at: f.from || f.to ? { gte: f.from, lt: f.to } : undefined,
        seq: f.beforeSeq !== undefined ? { lt: f.beforeSeq } : undefined,
      },
      orderBy: { seq: 'desc' },
      take: f.limit,
    });
  }

  async headSeq(scope: TenantScope): Promise<bigint> {
    const org = await scope.tx.organization.findUniqueOrThrow({
      where: { id: scope.orgId },
      select: { auditHeadSeq: true },
    });
    return org.auditHeadSeq;
  }

  /** The chain in order, a page at a time, so verifying a long history holds little in memory. */
  async *chain(scope: TenantScope, pageSize = 1000): AsyncGenerator<AuditEvent> {
    let after = 0n;
    for (;;) {
      const page = await scope.tx.auditEvent.findMany({
        where: { orgId: scope.orgId, seq: { gt: after } },
        orderBy: { seq: 'asc' },
        take: pageSize,
      });
      yield* page;
      const last = page.at(-1);
      if (!last || page.length < pageSize) return;
      after = last.seq;
    }
  }
}

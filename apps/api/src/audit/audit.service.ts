import { Injectable } from '@nestjs/common';
import type { Actor } from '../common/request-context.js';
import { type OrgId, TenantDb, type TenantScope } from '../db/tenant.js';
import type { AuditEvent } from '../generated/prisma/client.js';
import { type AuditFilter, AuditRepository } from './audit.repository.js';
import { eventHash, GENESIS_HASH } from './hash.js';

export interface Change {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface VerifyResult {
  valid: boolean;
  checked: number;
  /** The first sequence number at which the chain breaks, when it does. */
  brokenAtSeq?: string;
  problem?: string;
}

export interface AuditEventView {
  seq: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

export function toView(e: AuditEvent): AuditEventView {
  const { orgId: _org, prevHash: _prev, seq, ...fields } = e;
  return { ...fields, seq: seq.toString() };
}

/** Walking a long chain may take a while; the default transaction timeout is for requests. */
const LONG_READ = { timeoutMs: 10 * 60_000 };

@Injectable()
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly db: TenantDb,
  ) {}

  /** Records a change inside the caller's transaction: the change and its record commit together. */
  record(scope: TenantScope, actor: Actor, change: Change): Promise<void> {
    return this.repo.append(scope, {
      actorType: 'USER',
      actorId: actor.userId,
      actorLabel: actor.label,
      action: change.action,
      entityType: change.entityType,
      entityId: change.entityId,
      before: change.before ?? null,
      after: change.after ?? null,
      requestId: actor.requestId,
      ip: actor.ip,
    });
  }

  list(orgId: OrgId, filter: AuditFilter): Promise<AuditEvent[]> {
    return this.db.run(orgId, (scope) => this.repo.list(scope, filter));
  }

  /** Streams the chain, oldest first, a page at a time. */
  stream(orgId: OrgId, write: (event: AuditEvent) => Promise<void>): Promise<void> {
    return this.db.run(
      orgId,
      async (scope) => {
        for await (const event of this.repo.chain(scope)) await write(event);
      },
      LONG_READ,
    );
  }

  verify(orgId: OrgId): Promise<VerifyResult> {
    return this.db.run(
      orgId,
      async (scope) => {
        let expectedSeq = 1n;
        let prevHash = GENESIS_HASH;
        let checked = 0;
        for await (const e of this.repo.chain(scope)) {
          const broken = (problem: string, at = e.seq): VerifyResult => ({
            valid: false,
            checked,
            brokenAtSeq: at.toString(),
            problem,
          });
          if (e.seq !== expectedSeq) return broken(`event ${expectedSeq} is missing`, expectedSeq);
          if (e.prevHash !== prevHash) return broken('the link to the previous event does not match');
          const { prevHash: _link, hash: _stored, ...fields } = e;
          const recomputed = eventHash(prevHash, fields);
          if (recomputed !== e.hash) return broken('the event was changed after it was recorded');
          prevHash = e.hash;
          expectedSeq += 1n;
          checked += 1;
        }
        const head = await this.repo.headSeq(scope);
        if (head > BigInt(checked)) {
          return {
            valid: false,
            checked,
            brokenAtSeq: expectedSeq.toString(),
            problem: `events ${expectedSeq} to ${head} are missing`,
          };
        }
        return { valid: true, checked };
      },
      LONG_READ,
    );
  }
}

import { createHmac, randomBytes } from 'node:crypto';
import { Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { AuditService } from '../audit/audit.service.js';
import { isUuid } from '../auth/tokens.js';
import type { OrgContext } from '../common/request-context.js';
import { type OrgId, TenantDb } from '../db/tenant.js';
import type { Prisma, Webhook, WebhookDelivery } from '../generated/prisma/client.js';
import { JobQueue } from '../jobs/job-queue.js';
import type { AlertChange } from './alerts.repository.js';
import type {
  CreatedWebhookDto,
  DeliveryDto,
  WebhookDto,
  WebhookInputDto,
  WebhookPatchDto,
} from './dto/alerts.dto.js';
import { WebhooksRepository } from './webhooks.repository.js';

/** Attempts per delivery, with exponential backoff between them (the job queue retries). */
export const DELIVERY_ATTEMPTS = 6;

const view = (w: Webhook): WebhookDto => ({
  id: w.id,
  url: w.url,
  severities: w.severities,
  active: w.active,
  createdAt: w.createdAt,
});
const deliveryView = (d: WebhookDelivery): DeliveryDto => ({
  id: d.id,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  lastStatus: d.lastStatus,
  lastError: d.lastError,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
});

/** `sha256=<hex>` of HMAC-SHA256(secret, "<timestamp>.<body>"): the receiver recomputes it to trust the body. */
export function signature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

@Injectable()
export class WebhooksService {
  constructor(
    private readonly db: TenantDb,
    private readonly repo: WebhooksRepository,
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
  ) {}

  private jobs(): JobQueue {
    return this.moduleRef.get(JobQueue, { strict: false });
  }

  async list(orgId: OrgId): Promise<WebhookDto[]> {
    return (await this.db.run(orgId, (scope) => this.repo.list(scope))).map(view);
  }

  create(ctx: OrgContext, dto: WebhookInputDto): Promise<CreatedWebhookDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const w = await this.repo.create(scope, {
        url: dto.url,
        secret,
        severities: dto.severities ?? ['WARNING', 'CRITICAL'],
      });
      await this.audit.record(scope, ctx.actor, {
        action: 'webhook.created',
        entityType: 'webhook',
        entityId: w.id,
        after: view(w),
      });
      return { ...view(w), secret };
    });
  }

  private async findOrFail(scope: Parameters<WebhooksRepository['find']>[0], id: string): Promise<Webhook> {
    const w = isUuid(id) ? await this.repo.find(scope, id) : null;
    if (!w) throw new NotFoundException('Webhook not found');
    return w;
  }

  update(ctx: OrgContext, id: string, dto: WebhookPatchDto): Promise<WebhookDto> {
    return this.db.run(ctx.orgId, async (scope) => {
      const before = await this.findOrFail(scope, id);
      const after = await this.repo.update(scope, id, dto);
      await this.audit.record(scope, ctx.actor, {
        action: 'webhook.updated',
        entityType: 'webhook',
        entityId: id,
        before: view(before),
        after: view(after),
      });
      return view(after);
    });
  }

  remove(ctx: OrgContext, id: string): Promise<void> {
    return this.db.run(ctx.orgId, async (scope) => {
      const before = await this.findOrFail(scope, id);
      await this.repo.remove(scope, id);
      await this.audit.record(scope, ctx.actor, {
        action: 'webhook.deleted',
        entityType: 'webhook',
        entityId: id,
        before: view(before),
      });
    });
  }

  deliveries(orgId: OrgId, id: string): Promise<DeliveryDto[]> {
    return this.db.run(orgId, async (scope) => {
      await this.findOrFail(scope, id);
      return (await this.repo.deliveries(scope, id)).map(deliveryView);
    });
  }

  /** Sends a test event through the same delivery path as real alerts. */
  async sendTest(ctx: OrgContext, id: string): Promise<DeliveryDto> {
    const d = await this.db.run(ctx.orgId, async (scope) => {
      await this.findOrFail(scope, id);
      return this.repo.queueOne(scope, id, 'webhook.test', {
        event: 'webhook.test',
        orgId: ctx.orgId,
        sentBy: ctx.actor.label,
        at: new Date().toISOString(),
      });
    });
    try {
      await this.jobs().enqueue('webhook.deliver', { orgId: ctx.orgId, deliveryId: d.id });
    } catch {
      throw new ServiceUnavailableException(
        'Background jobs are unavailable right now (Redis); try again shortly',
      );
    }
    return deliveryView(d);
  }

  /** Alert state changes → one delivery per interested hook, each sent by its own job. */
  async notify(orgId: OrgId, changes: AlertChange[]): Promise<void> {
    if (!changes.length) return;
    const queued = await this.db.run(orgId, (scope) =>
      this.repo.queueDeliveries(
        scope,
        changes.map((c) => ({
          event: `alert.${c.change.toLowerCase()}`,
          severity: c.severity,
          payload: {
            event: `alert.${c.change.toLowerCase()}`,
            orgId,
            alert: {
              id: c.id,
              projectId: c.projectId,
              rule: c.rule,
              severity: c.severity,
              message: c.message,
            },
          } satisfies Prisma.InputJsonValue,
        })),
      ),
    );
    for (const d of queued) await this.jobs().enqueue('webhook.deliver', { orgId, deliveryId: d.id });
  }

  /** One attempt at one delivery; throws on failure so the queue retries with backoff. */
  async deliver(orgId: OrgId, deliveryId: string): Promise<void> {
    const d = await this.db.run(orgId, (scope) => this.repo.findDelivery(scope, deliveryId));
    if (d?.status !== 'PENDING') return; // re-checked in the job's own organisation
    const body = JSON.stringify({ id: d.id, ...(d.payload as object) });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(d.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Gapline-Webhooks/1',
          'x-gapline-event': d.event,
          'x-gapline-delivery': d.id,
          'x-gapline-timestamp': timestamp,
          'x-gapline-signature': signature(d.webhook.secret, timestamp, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
      });
      status = res.status;
      await res.body?.cancel();
      if (!res.ok) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).message;
    }
    const attempts = d.attempts + 1;
    await this.db.run(orgId, (scope) =>
      this.repo.updateDelivery(scope, deliveryId, {
        attempts,
        lastStatus: status,
        lastError: error,
        status: error ? (attempts >= DELIVERY_ATTEMPTS ? 'FAILED' : 'PENDING') : 'DELIVERED',
        deliveredAt: error ? null : new Date(),
      }),
    );
    if (error) throw new Error(`webhook delivery ${deliveryId} failed (attempt ${attempts}): ${error}`);
  }
}

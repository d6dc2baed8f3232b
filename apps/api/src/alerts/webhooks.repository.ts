import { Injectable } from '@nestjs/common';
import type { TenantScope } from '../db/tenant.js';
import type { Prisma, Webhook, WebhookDelivery } from '../generated/prisma/client.js';

@Injectable()
export class WebhooksRepository {
  list(scope: TenantScope): Promise<Webhook[]> {
    return scope.tx.webhook.findMany({ where: { orgId: scope.orgId }, orderBy: { createdAt: 'asc' } });
  }

  find(scope: TenantScope, id: string): Promise<Webhook | null> {
    return scope.tx.webhook.findUnique({ where: { orgId_id: { orgId: scope.orgId, id } } });
  }

  create(scope: TenantScope, data: { url: string; secret: string; severities: string[] }): Promise<Webhook> {
    return scope.tx.webhook.create({ data: { ...data, orgId: scope.orgId } });
  }

  update(scope: TenantScope, id: string, data: Prisma.WebhookUncheckedUpdateInput): Promise<Webhook> {
    return scope.tx.webhook.update({ where: { orgId_id: { orgId: scope.orgId, id } }, data });
  }

  async remove(scope: TenantScope, id: string): Promise<void> {
    await scope.tx.webhook.delete({ where: { orgId_id: { orgId: scope.orgId, id } } });
  }

  /** One delivery row per (active hook that wants the severity, event), in one statement. */
  async queueDeliveries(
    scope: TenantScope,
    events: { event: string; severity: string; payload: Prisma.InputJsonValue }[],
  ): Promise<{ id: string }[]> {
    if (!events.length) return [];
    const hooks = await scope.tx.webhook.findMany({ where: { orgId: scope.orgId, active: true } });
    const data = events.flatMap((e) =>
      hooks
        .filter((h) => h.severities.includes(e.severity))
        .map((h) => ({ orgId: scope.orgId, webhookId: h.id, event: e.event, payload: e.payload })),
    );
    if (!data.length) return [];
    return scope.tx.webhookDelivery.createManyAndReturn({ data, select: { id: true } });
  }

  queueOne(
    scope: TenantScope,
    webhookId: string,
    event: string,
    payload: Prisma.InputJsonValue,
  ): Promise<WebhookDelivery> {
    return scope.tx.webhookDelivery.create({ data: { orgId: scope.orgId, webhookId, event, payload } });
  }

  findDelivery(scope: TenantScope, id: string): Promise<(WebhookDelivery & { webhook: Webhook }) | null> {
    return scope.tx.webhookDelivery.findUnique({
      where: { orgId_id: { orgId: scope.orgId, id } },
      include: { webhook: true },
    });
  }

  updateDelivery(
    scope: TenantScope,
    id: string,
    data: Prisma.WebhookDeliveryUncheckedUpdateInput,
  ): Promise<WebhookDelivery> {
    return scope.tx.webhookDelivery.update({ where: { orgId_id: { orgId: scope.orgId, id } }, data });
  }

  deliveries(scope: TenantScope, webhookId: string): Promise<WebhookDelivery[]> {
    return scope.tx.webhookDelivery.findMany({
      where: { orgId: scope.orgId, webhookId },
      orderBy: { createdAt: 'desc' },
      take: 100,
    });
  }
}

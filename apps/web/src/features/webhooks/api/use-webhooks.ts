import type { Schemas } from '@gapline/api-client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

export type Webhook = Schemas['WebhookDto'];
export type CreatedWebhook = Schemas['CreatedWebhookDto'];
export type WebhookInput = Schemas['WebhookInputDto'];
export type WebhookPatch = Schemas['WebhookPatchDto'];
export type Delivery = Schemas['DeliveryDto'];

export const webhookKeys = {
  all: (orgId: string) => ['orgs', orgId, 'webhooks'] as const,
  deliveries: (orgId: string, webhookId: string) =>
    ['orgs', orgId, 'webhooks', webhookId, 'deliveries'] as const,
};

export function useWebhooks(orgId: string) {
  return useQuery({
    queryKey: webhookKeys.all(orgId),
    queryFn: () => unwrap(api.GET('/api/orgs/{orgId}/webhooks', { params: { path: { orgId } } })),
  });
}

/** The latest deliveries; polled while any is still pending. */
export function useDeliveries(orgId: string, webhookId: string) {
  return useQuery({
    queryKey: webhookKeys.deliveries(orgId, webhookId),
    queryFn: () =>
      unwrap(
        api.GET('/api/orgs/{orgId}/webhooks/{webhookId}/deliveries', {
          params: { path: { orgId, webhookId } },
        }),
      ),
    refetchInterval: (query) => (query.state.data?.some((d) => d.status === 'PENDING') ? 3000 : false),
  });
}

function useWebhooksChanged(orgId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'audit'] });
    return queryClient.invalidateQueries({ queryKey: webhookKeys.all(orgId) });
  };
}

/** Create a webhook; the answer carries the signing secret, shown this once. */
export function useCreateWebhook(orgId: string) {
  const changed = useWebhooksChanged(orgId);
  return useMutation({
    mutationFn: (body: WebhookInput) =>
      unwrap(api.POST('/api/orgs/{orgId}/webhooks', { params: { path: { orgId } }, body })),
    onSuccess: () => changed(),
  });
}

export function useUpdateWebhook(orgId: string) {
  const changed = useWebhooksChanged(orgId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ webhookId, ...body }: WebhookPatch & { webhookId: string }) =>
      unwrap(
        api.PATCH('/api/orgs/{orgId}/webhooks/{webhookId}', { params: { path: { orgId, webhookId } }, body }),
      ),
    onSuccess: (webhook) => {
      queryClient.setQueryData<Webhook[]>(webhookKeys.all(orgId), (list) =>
        list?.map((w) => (w.id === webhook.id ? webhook : w)),
      );
      return changed();
    },
  });
}

export function useDeleteWebhook(orgId: string) {
  const changed = useWebhooksChanged(orgId);
  return useMutation({
    mutationFn: (webhookId: string) =>
      unwrap(
        api.DELETE('/api/orgs/{orgId}/webhooks/{webhookId}', { params: { path: { orgId, webhookId } } }),
      ),
    onSuccess: () => changed(),
  });
}

/** Queue a test delivery, then show it in the log. */
export function useTestWebhook(orgId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webhookId: string) =>
      unwrap(
        api.POST('/api/orgs/{orgId}/webhooks/{webhookId}/test', { params: { path: { orgId, webhookId } } }),
      ),
    onSuccess: (_delivery, webhookId) =>
      queryClient.invalidateQueries({ queryKey: webhookKeys.deliveries(orgId, webhookId) }),
  });
}

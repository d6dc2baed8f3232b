import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

/** The typed Gapline API client, generated from the API's committed OpenAPI document. */
export function createApiClient(options: ClientOptions = {}): ApiClient {
  return createClient<paths>(options);
}

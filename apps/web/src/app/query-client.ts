import { QueryClient } from '@tanstack/react-query';
import { isRetryable } from '../api/errors';

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // 4xx answers are final (the 401 refresh is handled in the API client); retry only outages.
      retry: (failureCount, error) => isRetryable(error) && failureCount < 2,
    },
    mutations: { retry: false },
  },
});

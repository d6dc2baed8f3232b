import { Alert, Button, Group, Text } from '@mantine/core';
import { errorMessage } from '../api/errors';

/** The end of a paged list: "Load more" while pages remain, the count once all are shown, and a failed page's error. */
export function LoadMoreFooter({
  page,
  count,
  noun,
}: {
  page: {
    hasNextPage: boolean;
    isFetchingNextPage: boolean;
    isFetchNextPageError: boolean;
    error: unknown;
    fetchNextPage: () => unknown;
  };
  count: number;
  /** Singular and plural, e.g. ['alert', 'alerts']. */
  noun: [string, string];
}) {
  return (
    <>
      <Group justify="center">
        {page.hasNextPage ? (
          <Button variant="light" onClick={() => page.fetchNextPage()} loading={page.isFetchingNextPage}>
            Load more
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {count === 1 ? `That is the only ${noun[0]}.` : `That is all ${count} ${noun[1]}.`}
          </Text>
        )}
      </Group>
      {page.isFetchNextPageError && (
        <Alert color="red" variant="light" role="alert">
          {errorMessage(page.error)}
        </Alert>
      )}
    </>
  );
}

import { Button, EmptyState } from '@mantine/core';
import { IconAlertTriangle, IconRefresh } from '@tabler/icons-react';
import { errorMessage } from '../api/errors';

interface ErrorStateProps {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  retrying?: boolean;
}

/** A failed load, with the server's explanation and a way to try again. */
export function ErrorState({ error, title = 'We could not load this', onRetry, retrying }: ErrorStateProps) {
  return (
    <EmptyState
      role="alert"
      py="xl"
      variant="light"
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      title={title}
      description={errorMessage(error)}
    >
      {onRetry && (
        <EmptyState.Actions>
          <Button
            variant="light"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={onRetry}
            loading={retrying}
          >
            Try again
          </Button>
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}

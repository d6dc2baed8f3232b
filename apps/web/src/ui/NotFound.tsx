import { Button, EmptyState, Group } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';
import { CenteredLayout } from './CenteredLayout';

interface NotFoundProps {
  title?: string;
  description?: string;
}

/** The "nothing here" state inside the app shell. */
export function NotFoundState({
  title = 'Page not found',
  description = 'The address may be mistyped, or the page may have moved.',
}: NotFoundProps) {
  return (
    <EmptyState
      py={60}
      icon={<IconMapQuestion aria-hidden />}
      withIndicatorBackground
      title={title}
      description={description}
    >
      <EmptyState.Actions>
        <Group>
          <Button component={Link} to="/">
            Go to your dashboard
          </Button>
        </Group>
      </EmptyState.Actions>
    </EmptyState>
  );
}

/** The stand-alone 404 page for unknown addresses outside the app. */
export function NotFoundPage() {
  return (
    <CenteredLayout title="Page not found" subtitle="There is nothing at this address.">
      <Button component={Link} to="/" fullWidth>
        Go to your dashboard
      </Button>
    </CenteredLayout>
  );
}

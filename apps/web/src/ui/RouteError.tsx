import { Alert, Button, Code, Group, Stack, Text, Title } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import { isRouteErrorResponse, Link, useRouteError } from 'react-router';
import { errorMessage } from '../api/errors';
import { NotFoundState } from './NotFound';

/** The react-router errorElement: something broke while rendering a page. */
export function RouteError() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundState />;
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : errorMessage(error);
  return (
    <Stack component="section" role="alert" maw={640} mx="auto" py="xl" px="md" gap="md">
      <Title order={1} fz="h2">
        This page ran into a problem
      </Title>
      <Text c="dimmed">
        Something went wrong while showing this page. Reloading usually helps; if it keeps happening, tell us
        what you were doing and include the message below.
      </Text>
      <Alert variant="light" color="red" icon={<IconBug aria-hidden />} title="Error details">
        <Code block>{detail}</Code>
      </Alert>
      <Group>
        <Button onClick={() => window.location.reload()}>Reload the page</Button>
        <Button variant="default" component={Link} to="/">
          Go to your dashboard
        </Button>
      </Group>
    </Stack>
  );
}

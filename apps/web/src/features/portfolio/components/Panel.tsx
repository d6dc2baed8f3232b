import { Card, Group, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled card of the dashboard; the title names the region for screen readers. */
export function Panel({
  id,
  title,
  aside,
  children,
  testId,
}: {
  id: string;
  title: string;
  aside?: ReactNode;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Card
      withBorder
      radius="md"
      padding="lg"
      component="section"
      aria-labelledby={id}
      data-testid={testId}
      style={{ breakInside: 'avoid', minWidth: 0 }}
    >
      <Group justify="space-between" align="baseline" mb="md" gap="xs" wrap="wrap">
        <Title order={2} fz="h4" id={id}>
          {title}
        </Title>
        {aside}
      </Group>
      {children}
    </Card>
  );
}

import { SimpleGrid, Skeleton, Stack } from '@mantine/core';

/** The dashboard's shape while the first figures load. */
export function DashboardSkeleton() {
  return (
    <Stack gap="lg" role="status" aria-busy="true" aria-label="Loading the portfolio">
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 6 }} spacing="md">
        {Array.from({ length: 6 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Skeleton key={i} height={104} radius="md" />
        ))}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Skeleton height={280} radius="md" />
        <Skeleton height={280} radius="md" />
      </SimpleGrid>
      <Skeleton height={360} radius="md" />
    </Stack>
  );
}

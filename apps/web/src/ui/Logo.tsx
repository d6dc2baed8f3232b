import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconChartDots3 } from '@tabler/icons-react';

export function Logo({ size = 'md' }: { size?: 'md' | 'lg' }) {
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={size === 'lg' ? 36 : 28} radius="md" variant="filled" aria-hidden>
        <IconChartDots3 size={size === 'lg' ? 22 : 18} />
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 'xl' : 'lg'} lh={1}>
        Gapline
      </Text>
    </Group>
  );
}

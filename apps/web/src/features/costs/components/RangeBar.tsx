import { Box, Group, Text, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Marker {
  value: number;
  label: string;
  color: string;
}

/** One low–high band on a shared 0…max scale, with optional vertical markers (e.g. a budget). */
export function RangeBar({
  label,
  hint,
  low,
  high,
  max,
  color,
  valueText,
  markers = [],
  testId,
}: {
  label: string;
  hint?: ReactNode;
  low: number;
  high: number;
  max: number;
  color: string;
  valueText: string;
  markers?: Marker[];
  testId?: string;
}) {
  const pct = (v: number) => `${max > 0 ? Math.min(100, Math.max(0, (v / max) * 100)) : 0}%`;
  return (
    <div data-testid={testId}>
      <Group justify="space-between" gap="xs" wrap="wrap" mb={4}>
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Text size="sm" fw={600}>
          {valueText}
        </Text>
      </Group>
      <Box
        pos="relative"
        h={14}
        bg="var(--mantine-color-gray-1)"
        style={{ borderRadius: 'var(--mantine-radius-sm)' }}
        aria-hidden
      >
        {high > 0 && (
          <Box
            pos="absolute"
            top={0}
            bottom={0}
            left={pct(low)}
            w={`calc(${pct(high)} - ${pct(low)})`}
            miw={3}
            bg={`var(--mantine-color-${color}-5)`}
            style={{ borderRadius: 'var(--mantine-radius-sm)' }}
          />
        )}
        {markers.map((m) => (
          <Tooltip key={m.label} label={m.label} withArrow>
            <Box
              pos="absolute"
              top={-4}
              bottom={-4}
              left={pct(m.value)}
              w={3}
              bg={`var(--mantine-color-${m.color}-7)`}
              style={{ borderRadius: 2, pointerEvents: 'auto' }}
            />
          </Tooltip>
        ))}
      </Box>
      {hint && (
        <Text size="xs" c="dimmed" mt={4}>
          {hint}
        </Text>
      )}
    </div>
  );
}

import { Group, List, Progress, Text, ThemeIcon } from '@mantine/core';
import { IconCircleCheck, IconCircleDashed } from '@tabler/icons-react';
import type { Readiness } from '../api/types';

/** The server names missing capabilities by key ("drift-detection (required)"); show their names. */
function describeMissing(text: string, names: Record<string, string>): string {
  const match = /^(\S+) \(required\)$/.exec(text);
  return match?.[1] && names[match[1]] ? `${names[match[1]]} (required)` : text;
}

interface ReadinessSummaryProps {
  readiness: Readiness;
  /** Capability names by key. */
  names?: Record<string, string>;
  compact?: boolean;
}

/** "12 of 17 done — ready" or "… — not ready", with what is missing. */
export function ReadinessSummary({ readiness, names = {}, compact = false }: ReadinessSummaryProps) {
  const { done, applicable, threshold, ready, missing } = readiness;
  return (
    <div>
      <Group gap="sm" wrap="nowrap" align="center">
        <ThemeIcon
          variant="light"
          color={ready ? 'teal' : 'orange'}
          radius="xl"
          size={compact ? 'md' : 'lg'}
          aria-hidden
        >
          {ready ? <IconCircleCheck size={18} /> : <IconCircleDashed size={18} />}
        </ThemeIcon>
        <div style={{ flex: 1 }}>
          <Text fw={600} size={compact ? 'sm' : 'md'} data-testid="readiness-summary">
            {done} of {applicable} done ({threshold} needed) — {ready ? 'ready for production' : 'not ready'}
          </Text>
          <Progress
            value={applicable === 0 ? 0 : (done / applicable) * 100}
            color={ready ? 'teal' : 'indigo'}
            size="sm"
            mt={4}
            aria-hidden
          />
        </div>
      </Group>
      {!ready &&
        missing.length > 0 &&
        (compact ? (
          <Text size="sm" mt={6}>
            <Text span c="dimmed" size="sm">
              Missing:{' '}
            </Text>
            {missing.map((m) => describeMissing(m, names)).join(' · ')}
          </Text>
        ) : (
          <>
            <Text size="sm" c="dimmed" mt="xs" id="readiness-missing">
              Missing:
            </Text>
            <List size="sm" spacing={2} aria-labelledby="readiness-missing" withPadding>
              {missing.map((m) => (
                <List.Item key={m}>{describeMissing(m, names)}</List.Item>
              ))}
            </List>
          </>
        ))}
    </div>
  );
}

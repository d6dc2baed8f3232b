import { Anchor, Box, Center, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { Logo } from './Logo';

interface CenteredLayoutProps {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}

/** The frame of the signed-out pages (sign in, register, invitation, not found). */
export function CenteredLayout({ title, subtitle, children, footer }: CenteredLayoutProps) {
  return (
    <Box bg="var(--mantine-color-gray-0)" mih="100vh">
      <Center component="main" mih="100vh" p="md">
        <Stack w="100%" maw={440} gap="lg">
          <Anchor
            component={Link}
            to="/"
            underline="never"
            c="inherit"
            aria-label="Gapline home"
            w="fit-content"
          >
            <Logo size="lg" />
          </Anchor>
          <Paper withBorder shadow="sm" radius="md" p="xl">
            <Stack gap={4} mb="lg">
              <Title order={1} fz="h3">
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
          {footer && (
            <Text size="sm" ta="center" c="dimmed">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
    </Box>
  );
}

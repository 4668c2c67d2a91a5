// The frame of the anonymous pages: soft background, centred card, language switch in the corner.
import { Box, Center, Group, Paper, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { LanguageSwitch } from '../components/LanguageSwitch.tsx';

export function AuthFrame({
  children,
  header,
  footer,
  width = 440,
}: {
  children: ReactNode;
  header?: ReactNode;
  footer?: ReactNode;
  width?: number;
}) {
  return (
    <Box
      mih="100vh"
      style={{
        background:
          'radial-gradient(1200px 600px at 10% -10%, var(--mantine-color-brand-1), transparent 60%), radial-gradient(900px 500px at 110% 110%, var(--mantine-color-brand-0), transparent 60%), var(--mantine-color-gray-0)',
      }}
    >
      <Group justify="flex-end" p="md" pos="absolute" right={0} top={0}>
        <LanguageSwitch />
      </Group>
      <Center component="main" mih="100vh" px="md" py={64}>
        <Stack w="100%" maw={width} gap="lg">
          {header}
          <Paper shadow="md" radius="lg" withBorder style={{ overflow: 'hidden' }}>
            {children}
          </Paper>
          {footer}
        </Stack>
      </Center>
    </Box>
  );
}

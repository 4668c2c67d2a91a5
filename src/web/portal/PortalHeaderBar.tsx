// The white-labelled portal header: workspace colour, logo and product name. The portal and
// the branding preview in settings both render it, so the preview is exactly what partners see.
import { Box, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { WorkspaceLogo } from '../components/WorkspaceLogo.tsx';
import { accessibleColor, DEFAULT_PRIMARY, isHexColor, readableTextOn } from '../lib/theme.ts';

export function PortalHeaderBar({
  color,
  logoUrl,
  productName,
  workspaceName,
  left,
  right,
  height = 64,
  testId,
}: {
  color: string | null | undefined;
  logoUrl: string | null | undefined;
  productName: string;
  workspaceName: string;
  left?: ReactNode;
  right?: ReactNode;
  height?: number;
  testId?: string;
}) {
  const background = accessibleColor(isHexColor(color) ? color : DEFAULT_PRIMARY);
  const foreground = readableTextOn(background);
  return (
    <Box h={height} px="md" style={{ backgroundColor: background, color: foreground }} data-testid={testId} data-color={background}>
      <Group h="100%" justify="space-between" wrap="nowrap" gap="md">
        <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
          {left}
          <WorkspaceLogo name={workspaceName} logoUrl={logoUrl} size={34} inverted />
          <Text fw={700} size="lg" c="inherit" truncate="end" data-testid="portal-product-name">
            {productName}
          </Text>
        </Group>
        {right}
      </Group>
    </Box>
  );
}

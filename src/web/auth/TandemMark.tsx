// Tandem's wordmark: two linked circles and the name.
import { Center, Group, Text, ThemeIcon } from '@mantine/core';
import { IconCircles } from '@tabler/icons-react';

export function TandemMark({ size = 'md' }: { size?: 'sm' | 'md' }) {
  const icon = size === 'sm' ? 28 : 36;
  return (
    <Group gap={10} wrap="nowrap">
      <ThemeIcon size={icon} radius="md" variant="gradient" gradient={{ from: 'brand.5', to: 'brand.8', deg: 135 }}>
        <IconCircles size={icon * 0.6} stroke={1.8} />
      </ThemeIcon>
      <Text fw={750} fz={size === 'sm' ? 'lg' : 22} style={{ letterSpacing: '-0.02em' }}>
        Tandem
      </Text>
    </Group>
  );
}

/** The mark, centred, above the card of Tandem's own sign-in pages. */
export function TandemHeader() {
  return (
    <Center>
      <TandemMark />
    </Center>
  );
}

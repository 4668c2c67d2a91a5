// The head of a card: its title, one line of explanation and, on the right, an action.
import { Group, type MantineSpacing, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

type Spacing = MantineSpacing | number;

/** A card's title and its line of explanation (`mb`: the space under it). */
export function CardTitle({ title, text, mb }: { title: ReactNode; text: ReactNode; mb?: Spacing }) {
  return (
    <div>
      <Title order={4}>{title}</Title>
      <Text size="sm" c="dimmed" mb={mb}>
        {text}
      </Text>
    </div>
  );
}

/** CardTitle with an action (a button, say) on the right. */
export function CardHeader({ title, text, action, p, mb }: { title: ReactNode; text: ReactNode; action?: ReactNode; p?: Spacing; mb?: Spacing }) {
  return (
    <Group justify="space-between" p={p} mb={mb} align="flex-start">
      <CardTitle title={title} text={text} />
      {action}
    </Group>
  );
}

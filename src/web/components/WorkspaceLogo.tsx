// The workspace logo, or its initials on the brand colour when there is no logo.
import { Avatar, Image } from '@mantine/core';
import { useState } from 'react';

function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  return (words.length > 1 ? words[0][0] + words[1][0] : name.slice(0, 2)).toUpperCase();
}

export function WorkspaceLogo({
  name,
  logoUrl,
  size = 32,
  inverted = false,
}: {
  name: string;
  logoUrl: string | null | undefined;
  size?: number;
  inverted?: boolean;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  if (logoUrl && failed !== logoUrl) {
    return (
      <Image
        src={logoUrl}
        alt={name}
        h={size}
        w="auto"
        maw={size * 5}
        fit="contain"
        onError={() => setFailed(logoUrl)}
        data-testid="workspace-logo"
      />
    );
  }
  return (
    <Avatar size={size} radius="sm" variant={inverted ? 'white' : 'filled'} color="brand" aria-label={name} data-testid="workspace-logo">
      {initials(name)}
    </Avatar>
  );
}

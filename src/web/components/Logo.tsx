import { Group, Text } from '@mantine/core';

/** Four tiles of a mosaic: a tessera is one of them. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect x="2" y="2" width="13" height="13" rx="3" fill="#1a7898" />
      <rect x="17" y="2" width="13" height="13" rx="3" fill="#76b6cb" />
      <rect x="2" y="17" width="13" height="13" rx="3" fill="#76b6cb" />
      <rect x="17" y="17" width="13" height="13" rx="3" fill="#e8a33d" />
    </svg>
  );
}

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={10} wrap="nowrap">
      <LogoMark size={size} />
      <Text component="span" fw={700} fz={size * 0.68} c="dark.8" lts={-0.3}>
        Tessera
      </Text>
    </Group>
  );
}

import { Center, Loader, Stack, Text } from '@mantine/core';

export function LoadingState({ label = 'Loading…', fullPage = false }) {
  return (
    <Center mih={fullPage ? '100vh' : 200} role="status" aria-live="polite">
      <Stack align="center" gap="xs">
        <Loader size="md" aria-hidden="true" />
        <Text size="sm" c="dimmed">
          {label}
        </Text>
      </Stack>
    </Center>
  );
}

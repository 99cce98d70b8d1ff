import { Button, Center, Container, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';
import { errorMessage } from '../../components/ErrorAlert.js';

/** Shown when a page crashes while rendering, instead of a blank screen. */
export function RouteErrorPage() {
  const error = useRouteError();
  return (
    <Center mih="100vh" p="md">
      <Container size="xs">
        <Stack gap="md" align="flex-start">
          <Title order={1}>This page stopped working</Title>
          <Text c="dimmed">{errorMessage(error)}</Text>
          <Button onClick={() => window.location.reload()}>Reload the page</Button>
        </Stack>
      </Container>
    </Center>
  );
}

import { Anchor, Box, Button, Container, Group, Text } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { Logo } from '../components/Logo.js';
import { paths } from '../lib/paths.js';
import { SkipLink } from './SkipLink.js';

/** For people who are not signed in: the landing page, sign-in, sign-up, public profiles. */
export function PublicLayout() {
  return (
    <Box className="public-shell">
      <Box component="header" className="public-header">
        <SkipLink />
        <Container size="lg" h="100%">
          <Group h="100%" justify="space-between">
            <Link to={paths.landing} className="logo-link" aria-label="Tessera home">
              <Logo />
            </Link>
            <Group gap="xs" component="nav" aria-label="Account">
              <Button component={Link} to={paths.signIn} variant="subtle" color="dark">
                Sign in
              </Button>
              <Button component={Link} to={paths.signUp}>
                Sign up
              </Button>
            </Group>
          </Group>
        </Container>
      </Box>
      <Box component="main" id="main-content" tabIndex={-1} className="public-main">
        <Outlet />
      </Box>
      <Box component="footer" className="public-footer">
        <Container size="lg">
          <Group justify="space-between" gap="xs">
            <Text size="sm" c="dimmed">
              Tessera is open-source software under the AGPL-3.0.
            </Text>
            <Group gap="md">
              <Anchor component={Link} to={paths.rules} size="sm" c="dimmed">
                Rules
              </Anchor>
              <Anchor href="/api/docs" size="sm" c="dimmed">
                API reference
              </Anchor>
            </Group>
          </Group>
        </Container>
      </Box>
    </Box>
  );
}

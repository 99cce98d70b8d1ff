import {
  Box,
  Button,
  Container,
  Group,
  List,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconBriefcase, IconClipboardList, IconServer2 } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '../../lib/paths.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { MosaicArt } from './MosaicArt.js';

/** Where an audience's link goes: a page of the app, or a document the server serves. */
type AudienceAction = { label: string } & ({ to: string } | { href: string });

type AudienceProps = { icon: ReactNode; title: string; points: string[]; action: AudienceAction };

const AUDIENCES: AudienceProps[] = [
  {
    icon: <IconBriefcase size={24} aria-hidden="true" />,
    title: 'For workers',
    points: [
      'Reward and time allowed shown up front',
      'Work only on tasks you qualify for',
      'Reasons and recourse when work is rejected',
    ],
    action: { label: 'Sign up as a worker', to: `${paths.signUp}?role=worker` },
  },
  {
    icon: <IconClipboardList size={24} aria-hidden="true" />,
    title: 'For requesters',
    points: [
      'Build tasks from a form or your own HTML template',
      'Upload rows as CSV or JSON, one task per row',
      'Funds held in escrow, paid out on approval',
    ],
    action: { label: 'Sign up as a requester', to: `${paths.signUp}?role=requester` },
  },
  {
    icon: <IconServer2 size={24} aria-hidden="true" />,
    title: 'Open and self-hosted',
    points: [
      'Free software under the AGPL-3.0',
      'Runs on your own server with PostgreSQL',
      'Everything the web app does is a public REST API',
    ],
    action: { label: 'Read the API reference', href: '/api/docs' },
  },
];

function Audience({ icon, title, points, action }: AudienceProps) {
  const look = { variant: 'subtle', px: 0, w: 'fit-content' } as const;
  return (
    <Stack gap="sm" className="audience-card">
      <ThemeIcon size={44} radius="md" variant="light">
        {icon}
      </ThemeIcon>
      <Title order={2} size="h3">
        {title}
      </Title>
      <List spacing={6} size="sm" c="gray.7">
        {points.map((point) => (
          <List.Item key={point}>{point}</List.Item>
        ))}
      </List>
      {'to' in action ? (
        <Button component={Link} to={action.to} {...look}>
          {action.label}
        </Button>
      ) : (
        <Button component="a" href={action.href} {...look}>
          {action.label}
        </Button>
      )}
    </Stack>
  );
}

export function LandingPage() {
  useDocumentTitle(undefined);
  return (
    <>
      <Box className="hero">
        <Container size="lg" py={56}>
          <Group justify="space-between" align="center" wrap="nowrap" gap={48}>
            <Stack gap="lg" maw={560}>
              <Text fw={700} c="tessera.7" tt="uppercase" size="sm" lts={1}>
                Open crowd-work marketplace
              </Text>
              <Title order={1} fz={44} lh={1.15}>
                Small paid tasks, done well, paid fairly.
              </Title>
              <Text size="lg" c="gray.7">
                Tessera connects requesters who need many small tasks done (labelling images,
                transcribing clips, answering surveys) with workers who do them in the browser.
                Workers see the pay before they accept, and every rejection comes with a reason.
              </Text>
              <Group gap="sm" mt="xs">
                <Button component={Link} to={paths.signUp} size="md">
                  Create an account
                </Button>
                <Button component={Link} to={paths.signIn} size="md" variant="default">
                  Sign in
                </Button>
              </Group>
            </Stack>
            <Box visibleFrom="md" w={360}>
              <MosaicArt />
            </Box>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py={48}>
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing={40}>
          {AUDIENCES.map((audience) => (
            <Audience key={audience.title} {...audience} />
          ))}
        </SimpleGrid>
      </Container>
    </>
  );
}

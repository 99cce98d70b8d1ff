import { Avatar, Badge, Box, Card, Container, Group, Stack, Text, Title } from '@mantine/core';
import { IconCalendar, IconMapPin, IconUserQuestion } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { usePublicProfile } from '../../api/accounts.js';
import { isApiError } from '../../api/client.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { formatDate, initials } from '../../lib/format.js';
import { countryName } from '../../lib/places.js';
import { ROLE_LABELS } from '../../lib/roles.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import { ProfileRecord } from './ProfileRecord.js';

export function PublicProfilePage() {
  const { handle = '' } = useParams();
  const profile = usePublicProfile(handle);
  useDocumentTitle(profile.data ? profile.data.displayName : 'Profile');

  let content;
  if (profile.isPending) {
    content = <LoadingState label="Loading profile…" />;
  } else if (profile.isError) {
    content = isApiError(profile.error, 404) ? (
      <>
        <Title order={1} mb="xl">
          Profile not found
        </Title>
        <EmptyState
          icon={<IconUserQuestion size={28} aria-hidden="true" />}
          title={`No one goes by @${handle}`}
          description="The handle may have changed, or the account is no longer active."
        />
      </>
    ) : (
      <ErrorAlert error={profile.error} onRetry={() => void profile.refetch()} />
    );
  } else {
    const user = profile.data;
    content = (
      <>
        <Card p="xl">
          <Group align="flex-start" gap="xl" wrap="nowrap">
            <Avatar size={88} radius={88} color="tessera" fz={30}>
              {initials(user.displayName)}
            </Avatar>
            <Stack gap="sm" style={{ minWidth: 0 }}>
              <Box>
                <Title order={1}>{user.displayName}</Title>
                <Text c="dimmed">@{user.handle}</Text>
              </Box>
              <Group gap="xs">
                {user.roles.map((role) => (
                  <Badge key={role} variant="light">
                    {ROLE_LABELS[role]}
                  </Badge>
                ))}
              </Group>
              <Group gap="lg" c="gray.7">
                {user.country && (
                  <Group gap={6}>
                    <IconMapPin size={16} aria-hidden="true" />
                    <Text size="sm">{countryName(user.country)}</Text>
                  </Group>
                )}
                <Group gap={6}>
                  <IconCalendar size={16} aria-hidden="true" />
                  <Text size="sm">Member since {formatDate(user.memberSince)}</Text>
                </Group>
              </Group>
              {user.bio ? (
                <Text style={{ whiteSpace: 'pre-wrap' }} mt="xs" data-testid="profile-bio">
                  {user.bio}
                </Text>
              ) : (
                <Text c="dimmed" mt="xs" fs="italic">
                  No bio yet.
                </Text>
              )}
            </Stack>
          </Group>
        </Card>
        <ProfileRecord handle={user.handle} />
      </>
    );
  }
  return (
    <Container size={760} py="md">
      {content}
    </Container>
  );
}

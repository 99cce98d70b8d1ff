import { Button, Center, Container } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { Link, Navigate, Outlet, useLocation, useSearchParams } from 'react-router';
import type { Role } from '../../shared/api/accounts.js';
import { useCurrentUser, useMe } from '../api/accounts.js';
import { EmptyState } from '../components/EmptyState.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { PageHeader } from '../components/PageHeader.js';
import { paths, safeNextPath, signInPathFor } from '../lib/paths.js';
import { sessionExpired } from '../lib/session-expiry.js';
import { homePathFor, ROLE_LABELS } from '../lib/roles.js';
import { AppLayout } from './AppLayout.js';
import { PublicLayout } from './PublicLayout.js';

function SessionError({ error, retry }: { error: unknown; retry: () => void }) {
  return (
    <Center mih="100vh" p="md">
      <Container size="xs" w="100%">
        <ErrorAlert error={error} title="Tessera could not load" onRetry={retry} />
      </Container>
    </Center>
  );
}

/** Pages for signed-in users. Anyone else goes to sign in, and comes back here after. */
export function RequireAuth() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingState fullPage />;
  if (me.isError) return <SessionError error={me.error} retry={() => void me.refetch()} />;
  if (!me.data) {
    const next = location.pathname + location.search;
    return <Navigate to={signInPathFor(next, sessionExpired() ? 'expired' : undefined)} replace />;
  }
  return <AppLayout />;
}

/** Sign-in, sign-up and the landing page: a signed-in user goes on to where they were headed. */
export function PublicOnly() {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.isPending) return <LoadingState fullPage />;
  if (me.isError) return <SessionError error={me.error} retry={() => void me.refetch()} />;
  if (me.data) {
    return <Navigate to={safeNextPath(params.get('next')) ?? homePathFor(me.data)} replace />;
  }
  return <PublicLayout />;
}

/** Pages anyone may see, in the app's frame when signed in (public profiles, "not found"). */
export function AnyoneLayout() {
  const me = useMe();
  if (me.isPending) return <LoadingState fullPage />;
  return me.data ? <AppLayout /> : <PublicLayout />;
}

const ROLE_AUDIENCE: Record<Role, string> = {
  worker: 'workers',
  requester: 'requesters',
  admin: 'administrators',
};

/** An area for one role. Others see why they cannot use it, and how to get the role if they can. */
export function RequireRole({ role }: { role: Role }) {
  const user = useCurrentUser();
  if (user.roles.includes(role)) return <Outlet />;
  const selfServe = role !== 'admin';
  return (
    <>
      <PageHeader title="You do not have access to this page" />
      <EmptyState
        icon={<IconLock size={28} aria-hidden="true" />}
        title={`This page is for ${ROLE_AUDIENCE[role]}`}
        description={
          selfServe
            ? `Your account does not have the ${ROLE_LABELS[role].toLowerCase()} role yet. You can add it in your profile settings.`
            : 'Only administrators of this Tessera site can open it.'
        }
        actions={
          selfServe ? (
            <Button component={Link} to={paths.settings}>
              Go to profile settings
            </Button>
          ) : (
            <Button component={Link} to={homePathFor(user)} variant="default">
              Back to my home page
            </Button>
          )
        }
      />
    </>
  );
}

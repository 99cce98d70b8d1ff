import { Button, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useMe } from '../../api/accounts.js';
import { tokenFromHash, useVerifyEmail } from '../../api/email.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { SuccessAlert } from '../../components/SuccessAlert.js';
import { paths } from '../../lib/paths.js';
import { homePathFor } from '../../lib/roles.js';
import { AuthCard } from './AuthCard.js';

/** Where a verification link lands: confirms the address at once, then says so. */
export function VerifyEmailPage() {
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  const verify = useVerifyEmail();
  const me = useMe();
  const { mutate } = verify;
  // Once only (React runs effects twice in development): a second try would find the link used.
  const started = useRef(false);

  useEffect(() => {
    window.history.replaceState(null, '', window.location.pathname);
    if (!token || started.current) return;
    started.current = true;
    mutate(token);
  }, [token, mutate]);

  const next = me.data ? homePathFor(me.data) : paths.signIn;
  const nextLabel = me.data ? 'Continue to Tessera' : 'Sign in';
  return (
    <AuthCard
      title="Confirm your email"
      subtitle="One click, and Tessera can reach you."
      footer={null}
    >
      <Stack gap="md">
        {!token && <Text>This page needs the link from your email. Open the link again.</Text>}
        {verify.isPending && <LoadingState label="Confirming your email…" />}
        {verify.isError && <ErrorAlert error={verify.error} title="This link does not work" />}
        {verify.isSuccess && (
          <SuccessAlert title="Email confirmed">
            Thank you: your email address is verified.
          </SuccessAlert>
        )}
        {(verify.isError || !token) && me.data && (
          <Text size="sm" c="dimmed">
            You can send a new link from your profile settings.
          </Text>
        )}
        <Button component={Link} to={next} variant={verify.isSuccess ? 'filled' : 'default'}>
          {nextLabel}
        </Button>
      </Stack>
    </AuthCard>
  );
}

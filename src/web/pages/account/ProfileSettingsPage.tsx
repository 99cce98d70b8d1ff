import { Divider, Stack } from '@mantine/core';
import { useCurrentUser } from '../../api/accounts.js';
import { PageHeader } from '../../components/PageHeader.js';
import { AccessKeysSection } from './AccessKeysSection.js';
import { ActivitySection } from './ActivitySection.js';
import { EmailSettings } from './EmailSettings.js';
import { PasswordForm } from './PasswordForm.js';
import { PayoutMethodSection, useScrollToHash } from './PayoutMethodSection.js';
import { ProfileForm } from './ProfileForm.js';
import { RolesSection } from './RolesSection.js';
import { SettingsSection } from './SettingsSection.js';
import { TokensSection } from './TokensSection.js';
import { WebhooksSection } from './WebhooksSection.js';

export function ProfileSettingsPage() {
  const user = useCurrentUser();
  useScrollToHash();
  return (
    <>
      <PageHeader
        title="Profile settings"
        description={`Signed in as ${user.email}. Your email address is never shown to other users.`}
      />
      <Stack gap="xl">
        <SettingsSection
          id="profile"
          title="Public profile"
          description="How other people on Tessera see you. Your handle is your profile's address."
        >
          <ProfileForm user={user} />
        </SettingsSection>
        <Divider />
        {user.roles.includes('worker') && (
          <>
            <SettingsSection
              id="payout"
              title="Payout method"
              description="Where your earnings are sent when you ask for a payout. Private: never on your public profile, never shown to requesters."
            >
              <PayoutMethodSection />
            </SettingsSection>
            <Divider />
          </>
        )}
        <SettingsSection
          id="roles"
          title="Roles"
          description="One account can both do work and publish it."
        >
          <RolesSection user={user} />
        </SettingsSection>
        <Divider />
        <SettingsSection
          id="email"
          title="Email"
          description="Where Tessera reaches you: password resets, and a daily digest if you want one."
        >
          <EmailSettings user={user} />
        </SettingsSection>
        <Divider />
        <SettingsSection
          id="password"
          title="Password"
          description="Changing it signs you out everywhere else."
        >
          <PasswordForm />
        </SettingsSection>
        <Divider />
        <SettingsSection
          id="tokens"
          title="Access tokens"
          description="Personal tokens let your scripts use the Tessera API as you, limited to the scopes you choose. Send one as “Authorization: Bearer <token>”."
        >
          <TokensSection />
        </SettingsSection>
        {user.roles.includes('requester') && (
          <>
            <Divider />
            <SettingsSection
              id="mturk-keys"
              title="MTurk access keys"
              description="Keys for Tessera's MTurk-compatible API: scripts written for Amazon Mechanical Turk sign their requests with one and act as you, the requester."
            >
              <AccessKeysSection />
            </SettingsSection>
            <Divider />
            <SettingsSection
              id="webhooks"
              title="Webhooks"
              description="Tessera POSTs your projects' events, signed (Standard Webhooks), to your own receivers, retrying for a day."
            >
              <WebhooksSection />
            </SettingsSection>
          </>
        )}
        <Divider />
        <SettingsSection
          id="activity"
          title="Account activity"
          description="A record of what was done with your account: by you, and by administrators. Tessera keeps it; nobody can edit it."
        >
          <ActivitySection myId={user.id} />
        </SettingsSection>
      </Stack>
    </>
  );
}

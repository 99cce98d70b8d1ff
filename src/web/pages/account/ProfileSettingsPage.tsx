import { Divider, Stack } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import type { Role, User } from '../../../shared/api/accounts.js';
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

type Section = {
  /** The section's anchor, so other pages can link to it (e.g. /settings#payout). */
  id: string;
  title: string;
  description: string;
  /** Shown only to accounts with this role. */
  role?: Role;
  content: (user: User) => ReactNode;
};

/** The page's sections, in order; a divider goes between each two that are shown. */
const SECTIONS: Section[] = [
  {
    id: 'profile',
    title: 'Public profile',
    description: "How other people on Tessera see you. Your handle is your profile's address.",
    content: (user) => <ProfileForm user={user} />,
  },
  {
    id: 'payout',
    title: 'Payout method',
    description:
      'Where your earnings are sent when you ask for a payout. Private: never on your public profile, never shown to requesters.',
    role: 'worker',
    content: () => <PayoutMethodSection />,
  },
  {
    id: 'roles',
    title: 'Roles',
    description: 'One account can both do work and publish it.',
    content: (user) => <RolesSection user={user} />,
  },
  {
    id: 'email',
    title: 'Email',
    description: 'Where Tessera reaches you: password resets, and a daily digest if you want one.',
    content: (user) => <EmailSettings user={user} />,
  },
  {
    id: 'password',
    title: 'Password',
    description: 'Changing it signs you out everywhere else.',
    content: () => <PasswordForm />,
  },
  {
    id: 'tokens',
    title: 'Access tokens',
    description:
      'Personal tokens let your scripts use the Tessera API as you, limited to the scopes you choose. Send one as “Authorization: Bearer <token>”.',
    content: () => <TokensSection />,
  },
  {
    id: 'mturk-keys',
    title: 'MTurk access keys',
    description:
      "Keys for Tessera's MTurk-compatible API: scripts written for Amazon Mechanical Turk sign their requests with one and act as you, the requester.",
    role: 'requester',
    content: () => <AccessKeysSection />,
  },
  {
    id: 'webhooks',
    title: 'Webhooks',
    description:
      "Tessera POSTs your projects' events, signed (Standard Webhooks), to your own receivers, retrying for a day.",
    role: 'requester',
    content: () => <WebhooksSection />,
  },
  {
    id: 'activity',
    title: 'Account activity',
    description:
      'A record of what was done with your account: by you, and by administrators. Tessera keeps it; nobody can edit it.',
    content: (user) => <ActivitySection myId={user.id} />,
  },
];

export function ProfileSettingsPage() {
  const user = useCurrentUser();
  useScrollToHash();
  const shown = SECTIONS.filter((section) => !section.role || user.roles.includes(section.role));
  return (
    <>
      <PageHeader
        title="Profile settings"
        description={`Signed in as ${user.email}. Your email address is never shown to other users.`}
      />
      <Stack gap="xl">
        {shown.map(({ id, title, description, content }, index) => (
          <Fragment key={id}>
            {index > 0 && <Divider />}
            <SettingsSection id={id} title={title} description={description}>
              {content(user)}
            </SettingsSection>
          </Fragment>
        ))}
      </Stack>
    </>
  );
}

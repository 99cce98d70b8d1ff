import { Anchor, type AnchorProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { paths } from '../lib/paths.js';

type ProfileLinkProps = {
  person: { handle: string; displayName: string };
  /** What the link says; the person's display name unless given. */
  children?: ReactNode;
} & Pick<AnchorProps, 'size' | 'inherit'>;

/** Someone's name (or handle) as an underlined link to their public profile. */
export function ProfileLink({ person, children, ...look }: ProfileLinkProps) {
  return (
    <Anchor component={Link} to={paths.publicProfile(person.handle)} underline="always" {...look}>
      {children ?? person.displayName}
    </Anchor>
  );
}

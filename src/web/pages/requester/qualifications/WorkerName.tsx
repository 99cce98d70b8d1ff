import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';
import { paths } from '../../../lib/paths.js';

/** A worker's name over their @handle, which opens their public profile: a table's first cell. */
export function WorkerName({ displayName, handle }: { displayName: string; handle: string }) {
  return (
    <>
      <Text size="sm" fw={600}>
        {displayName}
      </Text>
      <Anchor component={Link} to={paths.publicProfile(handle)} size="xs" c="dimmed">
        @{handle}
      </Anchor>
    </>
  );
}

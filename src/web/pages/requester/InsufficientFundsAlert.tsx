import { Anchor, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ProblemAlert } from '../../components/ProblemAlert.js';
import { paths } from '../../lib/paths.js';

/** An action the requester's funds cannot cover: how much is missing, and the way to add it. */
export function InsufficientFundsAlert({
  title,
  children,
}: {
  title: string;
  /** The sums: what was needed and what is available. */
  children: ReactNode;
}) {
  return (
    <ProblemAlert title={title}>
      <Text size="sm">{children}</Text>
      <Anchor
        component={Link}
        to={paths.requester.funds}
        size="sm"
        fw={600}
        mt={6}
        display="inline-block"
      >
        Go to Funds
      </Anchor>
    </ProblemAlert>
  );
}

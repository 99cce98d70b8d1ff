import { Button, Container } from '@mantine/core';
import { IconMapQuestion } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState.js';
import { PageHeader } from '../../components/PageHeader.js';
import { paths } from '../../lib/paths.js';

export function NotFoundPage() {
  return (
    <Container size="md" py="md">
      <PageHeader title="Page not found" />
      <EmptyState
        icon={<IconMapQuestion size={28} aria-hidden="true" />}
        title="There is nothing at this address"
        description="The link may be mistyped, or the page may have moved."
        actions={
          <Button component={Link} to={paths.landing}>
            Go to the start page
          </Button>
        }
      />
    </Container>
  );
}

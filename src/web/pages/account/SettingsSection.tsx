import { Card, Grid } from '@mantine/core';
import type { ReactNode } from 'react';
import { SectionHeading } from '../../components/SectionHeading.js';

type SettingsSectionProps = {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
};

/** One block of settings: what it is on the left, the form on the right. */
export function SettingsSection({ id, title, description, children }: SettingsSectionProps) {
  const headingId = `${id}-heading`;
  return (
    <Grid
      component="section"
      id={id}
      aria-labelledby={headingId}
      gap={{ base: 'sm', md: 'xl' }}
      style={{ scrollMarginTop: 80 }}
    >
      <Grid.Col span={{ base: 12, md: 4 }}>
        <SectionHeading title={title} description={description} id={headingId} gap={6} pt={4} />
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Card>{children}</Card>
      </Grid.Col>
    </Grid>
  );
}

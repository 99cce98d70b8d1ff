import { Container, Paper, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useDocumentTitle } from '../../lib/use-document-title.js';

type AuthCardProps = { title: string; subtitle: ReactNode; children: ReactNode; footer: ReactNode };

export function AuthCard({ title, subtitle, children, footer }: AuthCardProps) {
  useDocumentTitle(title);
  return (
    <Container size={460} py={40}>
      <Title order={1} ta="center">
        {title}
      </Title>
      <Text c="dimmed" ta="center" mt={8}>
        {subtitle}
      </Text>
      <Paper withBorder shadow="sm" p={32} mt="xl" radius="md" bg="white">
        {children}
      </Paper>
      <Text ta="center" size="sm" mt="lg">
        {footer}
      </Text>
    </Container>
  );
}

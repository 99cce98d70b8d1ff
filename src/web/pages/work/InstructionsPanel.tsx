import { Button, Card, Collapse, Group, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { Markdown } from '../../components/Markdown.js';

/** The project's instructions, open at first and folded away once the worker knows them. */
export function InstructionsPanel({ markdown }: { markdown: string }) {
  const [open, { toggle }] = useDisclosure(true);
  if (!markdown.trim()) return null;
  return (
    <Card component="section" aria-labelledby="instructions-heading" py="md">
      <Group justify="space-between" wrap="nowrap">
        <Title order={2} id="instructions-heading">
          Instructions
        </Title>
        <Button
          variant="subtle"
          size="xs"
          onClick={toggle}
          aria-expanded={open}
          aria-controls="instructions-body"
          aria-label={open ? 'Hide instructions' : 'Show instructions'}
          rightSection={
            open ? (
              <IconChevronUp size={14} aria-hidden="true" />
            ) : (
              <IconChevronDown size={14} aria-hidden="true" />
            )
          }
        >
          {open ? 'Hide' : 'Show'}
        </Button>
      </Group>
      <Collapse expanded={open} id="instructions-body">
        <Markdown fz="sm" mt="sm">
          {markdown}
        </Markdown>
      </Collapse>
    </Card>
  );
}

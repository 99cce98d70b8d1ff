import { Button, Group, Text, type GroupProps } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import type { ReactNode } from 'react';

type Steps = {
  /** Undefined where there is nothing before: the button shows, disabled. */
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
};

/** "Previous" and "Next", for stepping through pages or records. */
export function PreviousNextButtons({ onPrevious, onNext, ...group }: Steps & GroupProps) {
  return (
    <Group gap="xs" {...group}>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconChevronLeft size={14} aria-hidden="true" />}
        disabled={!onPrevious}
        onClick={onPrevious}
      >
        Previous
      </Button>
      <Button
        variant="default"
        size="xs"
        rightSection={<IconChevronRight size={14} aria-hidden="true" />}
        disabled={!onNext}
        onClick={onNext}
      >
        Next
      </Button>
    </Group>
  );
}

/** The footer of a table shown a page at a time: where we are, and the way to the others. */
export function PagerFooter({ summary, ...steps }: Steps & { summary: ReactNode }) {
  return (
    <Group justify="space-between" p="md" className="table-footer">
      <Text size="sm" c="dimmed">
        {summary}
      </Text>
      <PreviousNextButtons {...steps} />
    </Group>
  );
}

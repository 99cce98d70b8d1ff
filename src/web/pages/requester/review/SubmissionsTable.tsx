import { Checkbox, Table } from '@mantine/core';
import { useState } from 'react';
import type { ReviewListItem } from '../../../../shared/api/review.js';
import type { Template } from '../../../../shared/templates/index.js';
import { selectableIds } from './review-model.js';
import { SubmissionRow } from './SubmissionRow.js';
import { TaskDrawer } from './TaskDrawer.js';

type SubmissionsTableProps = {
  items: ReviewListItem[];
  template: Template;
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  blockedWorkerIds: ReadonlySet<string>;
  /** Absent while the list already shows one worker's work. */
  onShowWorker: ((workerId: string) => void) | undefined;
};

export function SubmissionsTable({
  items,
  template,
  selected,
  onSelectedChange,
  blockedWorkerIds,
  onShowWorker,
}: SubmissionsTableProps) {
  // The submission shown in full, by id: it stays open, up to date, while the list refreshes.
  const [openId, setOpenId] = useState<string | null>(null);
  const [openedAt, setOpenedAt] = useState(0);
  const openIndex = items.findIndex((item) => item.id === openId);
  if (openId !== null && openIndex < 0) {
    // Reviewed in the drawer and gone from this list (or taken by another tab): go on with the
    // submission that took its place, so a requester can work down the list in the drawer.
    setOpenId(items[Math.min(openedAt, items.length - 1)]?.id ?? null);
  } else if (openIndex >= 0 && openIndex !== openedAt) {
    setOpenedAt(openIndex);
  }
  const open = openIndex >= 0 ? items[openIndex] : undefined;
  const neighbour = (step: number) => {
    const next = items[openIndex + step];
    return next ? () => setOpenId(next.id) : undefined;
  };
  const selectable = selectableIds(items);
  const chosen = selectable.filter((id) => selected.has(id)).length;
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    onSelectedChange(next);
  };

  return (
    <>
      <TaskDrawer
        assignment={open}
        template={template}
        onClose={() => setOpenId(null)}
        onPrevious={neighbour(-1)}
        onNext={neighbour(1)}
      />
      <Table.ScrollContainer minWidth={900}>
        <Table
          aria-label="Submissions"
          className="review-table"
          verticalSpacing="sm"
          horizontalSpacing="sm"
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={44}>
                {selectable.length > 0 && (
                  <Checkbox
                    aria-label="Select all work waiting for review on this page"
                    checked={chosen === selectable.length}
                    indeterminate={chosen > 0 && chosen < selectable.length}
                    onChange={(event) =>
                      onSelectedChange(new Set(event.currentTarget.checked ? selectable : []))
                    }
                  />
                )}
              </Table.Th>
              <Table.Th>Submitted by</Table.Th>
              <Table.Th>Task data</Table.Th>
              <Table.Th>Answers</Table.Th>
              <Table.Th>Review</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((item) => (
              <SubmissionRow
                key={item.id}
                assignment={item}
                template={template}
                selected={selected.has(item.id)}
                onSelect={
                  item.status === 'submitted' ? (on: boolean) => toggle(item.id, on) : undefined
                }
                blocked={blockedWorkerIds.has(item.worker.id)}
                onShowWorker={onShowWorker && (() => onShowWorker(item.worker.id))}
                onOpen={() => setOpenId(item.id)}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </>
  );
}

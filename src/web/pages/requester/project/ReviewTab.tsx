import { Box, Button, Card, Stack, Text } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { Project } from '../../../../shared/api/projects.js';
import type { AssignmentStatus } from '../../../../shared/api/work.js';
import { projectsQueryKey } from '../../../api/projects.js';
import { useBlocks, useReviewList } from '../../../api/review.js';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { LoadingState } from '../../../components/LoadingState.js';
import { PagerFooter } from '../../../components/PreviousNextButtons.js';
import { useCursorTrail } from '../../../lib/use-cursor-trail.js';
import { describeDuration } from '../lib/units.js';
import { AppealsSection } from '../review/AppealsSection.js';
import { BulkActions } from '../review/BulkActions.js';
import {
  REVIEW_STATUS,
  reviewViewFrom,
  reviewViewParams,
  selectableIds,
  type ReviewView,
} from '../review/review-model.js';
import { ReviewFilters } from '../review/ReviewFilters.js';
import { SubmissionsTable } from '../review/SubmissionsTable.js';
import { useBatchOptions } from '../review/use-batch-options.js';

const PAGE_SIZE = 20;

/**
 * Work arrives while the page is open: when the list's counts no longer match the project's
 * progress in the header, the project is read again.
 */
function useProjectInStep(
  project: Project,
  counts: Partial<Record<AssignmentStatus, number>> | undefined,
) {
  const queryClient = useQueryClient();
  const submitted = counts?.submitted ?? 0;
  const approved = counts?.approved ?? 0;
  const { assignmentsSubmitted, assignmentsApproved } = project.progress;
  const behind =
    counts !== undefined &&
    (submitted !== assignmentsSubmitted || approved !== assignmentsApproved);
  useEffect(() => {
    if (behind)
      void queryClient.invalidateQueries({ queryKey: [...projectsQueryKey, 'one', project.id] });
  }, [behind, submitted, approved, queryClient, project.id]);
}

/** Why the list is empty, by what it was asked to show. */
function emptyText(project: Project, view: ReviewView): { title: string; description: string } {
  if (view.batchId || view.workerId) {
    return {
      title: 'No work matches these filters',
      description: 'Try another batch or status, or show every worker’s work.',
    };
  }
  if (project.status === 'draft') {
    return {
      title: 'Nothing to review yet',
      description:
        'Once you publish, each answer a worker submits appears here for you to approve or reject.',
    };
  }
  if (view.status === 'submitted') {
    return {
      title: 'All caught up',
      description: `No work is waiting for review. New submissions appear here as workers hand them in; work you do not review within ${describeDuration(project.autoApproveSeconds)} is approved automatically.`,
    };
  }
  const label = view.status ? REVIEW_STATUS[view.status].label.toLowerCase() : '';
  return {
    title: view.status ? `No ${label} work` : 'No work yet',
    description: 'Work moves between these lists as workers hand it in and you review it.',
  };
}

function NothingHere({
  project,
  view,
  onClearFilters,
}: {
  project: Project;
  view: ReviewView;
  onClearFilters: () => void;
}) {
  const filtered = Boolean(view.batchId || view.workerId);
  return (
    <EmptyState
      icon={<IconInbox size={28} aria-hidden="true" />}
      {...emptyText(project, view)}
      actions={
        filtered && (
          <Button variant="default" onClick={onClearFilters}>
            Clear filters
          </Button>
        )
      }
      framed={false}
    />
  );
}

/** The project's submitted work: read it beside its task data, then approve or reject it. */
export function ReviewTab({ project }: { project: Project }) {
  const [params, setParams] = useSearchParams();
  const view = reviewViewFrom(params);
  const viewKey = reviewViewParams(view).toString();
  const pages = useCursorTrail();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [shownView, setShownView] = useState(viewKey);
  // When the page was loaded, by the server's clock: the cutoff of "all waiting".
  const [loadedAt, setLoadedAt] = useState<string | null>(null);

  if (shownView !== viewKey) {
    setShownView(viewKey);
    pages.restart();
    setSelected(new Set());
  }
  const list = useReviewList(project.id, view, pages.cursor, PAGE_SIZE);
  const blocks = useBlocks();
  const batches = useBatchOptions(project.id);
  if (loadedAt === null && list.data && !list.isPlaceholderData) setLoadedAt(list.data.asOf);
  useProjectInStep(project, list.data?.counts);

  const items = list.data?.items ?? [];
  const nextCursor = list.data?.nextCursor;
  const blocked = new Set((blocks.data ?? []).map((block) => block.worker.id));
  const selectable = selectableIds(items);
  const chosen = selectable.filter((id) => selected.has(id));
  const waiting = list.data?.counts.submitted ?? 0;
  const filtered = Boolean(view.batchId || view.workerId);
  const canApproveAllWaiting =
    loadedAt !== null &&
    waiting > 0 &&
    !filtered &&
    view.status !== 'approved' &&
    view.status !== 'rejected';
  const setView = (next: ReviewView) => setParams(reviewViewParams(next));
  const refresh = async () => {
    const result = await list.refetch();
    if (result.data) setLoadedAt(result.data.asOf);
    setSelected(new Set());
  };

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={760}>
        Approving work pays its reward from the project’s escrow; rejecting it needs a reason, which
        the worker sees. Work you do not review within{' '}
        {describeDuration(project.autoApproveSeconds)} is approved automatically. A worker may
        appeal a rejection; answer appeals below in time, or they are overturned and paid.
      </Text>
      <AppealsSection projectId={project.id} />
      <Card p={0} className="review-card">
        <Box p="md" className="table-toolbar">
          <ReviewFilters
            view={view}
            counts={list.data?.counts}
            batches={batches}
            workerName={items.find((item) => item.worker.id === view.workerId)?.worker.displayName}
            onChange={setView}
            onRefresh={() => void refresh()}
            refreshing={list.isRefetching}
          />
        </Box>
        {(chosen.length > 0 || canApproveAllWaiting || selectable.length > 0) && (
          // Sticks under the page's header while the list scrolls, so the selection can be acted
          // on from anywhere in a long page; a landmark, so the keyboard can jump to it.
          <div role="region" aria-label="Bulk actions" className="bulk-bar-sticky">
            <span className="visually-hidden" aria-live="polite">
              {chosen.length > 0 ? `${chosen.length} selected` : ''}
            </span>
            {chosen.length > 0 ? (
              <BulkActions
                projectId={project.id}
                scope={{ kind: 'selected', ids: chosen }}
                onDone={() => setSelected(new Set())}
              />
            ) : canApproveAllWaiting && loadedAt ? (
              <BulkActions
                projectId={project.id}
                scope={{ kind: 'before', cutoff: loadedAt }}
                onDone={() => setSelected(new Set())}
              />
            ) : (
              <Text size="sm" c="dimmed" px="md" py="xs" className="bulk-bar">
                Tick submissions waiting for review to approve or reject them together.
              </Text>
            )}
          </div>
        )}
        {list.isPending && <LoadingState label="Loading submissions…" />}
        {list.isError && (
          <ErrorAlert error={list.error} onRetry={() => void list.refetch()} mt="md" />
        )}
        {list.isSuccess && items.length === 0 && (
          <NothingHere
            project={project}
            view={view}
            onClearFilters={() => setView({ ...view, batchId: undefined, workerId: undefined })}
          />
        )}
        {items.length > 0 && (
          <SubmissionsTable
            items={items}
            template={project.template}
            selected={selected}
            onSelectedChange={setSelected}
            blockedWorkerIds={blocked}
            onShowWorker={view.workerId ? undefined : (workerId) => setView({ ...view, workerId })}
          />
        )}
        {(pages.page > 1 || nextCursor) && (
          <PagerFooter
            summary={`Page ${pages.page}`}
            onPrevious={
              pages.page === 1
                ? undefined
                : () => {
                    setSelected(new Set());
                    pages.back();
                  }
            }
            onNext={
              !nextCursor || list.isPlaceholderData
                ? undefined
                : () => {
                    setSelected(new Set());
                    pages.forward(nextCursor);
                  }
            }
          />
        )}
      </Card>
    </Stack>
  );
}

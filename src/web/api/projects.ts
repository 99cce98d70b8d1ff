import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { batchEndpoints } from '../../shared/api/batches.js';
import { errorResponseSchema } from '../../shared/api/common.js';
import {
  PROJECT_LIMITS,
  projectEndpoints as endpoints,
  type Batch,
  type CreateProjectBody,
  type CsvDelimiter,
  type Project,
  type ProjectStatus,
  type UpdateProjectBody,
} from '../../shared/api/projects.js';
import { ApiError, csrfHeaders } from './client.js';
import { call, endpointUrl, useCursorList } from './endpoints.js';
import { moneyKeys } from './money.js';

type ProjectFilter = { status: ProjectStatus | undefined };
type TaskPage = { cursor: string | undefined; pageSize: number };

/**
 * Every query of a requester's projects. A project's own key holds its batches, tasks and
 * preview, so invalidating `projectKeys.one(id)` refreshes everything shown about it.
 */
export const projectKeys = {
  all: ['projects'] as const,
  lists: () => [...projectKeys.all, 'list'] as const,
  list: (filter: ProjectFilter) => [...projectKeys.lists(), filter] as const,
  one: (id: string) => [...projectKeys.all, 'one', id] as const,
  batches: (id: string) => [...projectKeys.one(id), 'batches'] as const,
  tasks: (id: string, page: TaskPage) => [...projectKeys.one(id), 'tasks', page] as const,
  previews: (id: string) => [...projectKeys.one(id), 'preview'] as const,
  preview: (id: string, taskId: string | undefined) =>
    [...projectKeys.previews(id), taskId ?? 'first'] as const,
};
/** The keys under the names other areas (review, live events) import. */
export const projectsQueryKey = projectKeys.all;
export const projectKey = projectKeys.one;

export function useProjects(filter: ProjectFilter) {
  return useCursorList(endpoints.list, {
    queryKey: projectKeys.list(filter),
    query: { status: filter.status, limit: 20 },
    keepPrevious: true,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: projectKeys.one(id),
    queryFn: ({ signal }) => call(endpoints.get, { params: { id } }, { signal }),
  });
}

/** Keeps the project's own entry and every list that shows it up to date after a change. */
function useProjectChanged() {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData(projectKeys.one(project.id), project);
    void queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: projectKeys.previews(project.id) });
  };
}

export function useCreateProject() {
  const changed = useProjectChanged();
  return useMutation({
    mutationFn: (
      body: Partial<CreateProjectBody> & Pick<CreateProjectBody, 'title' | 'rewardCents'>,
    ) => call(endpoints.create, { body }),
    onSuccess: changed,
  });
}

export function useUpdateProject(id: string) {
  const changed = useProjectChanged();
  return useMutation({
    mutationFn: (patch: UpdateProjectBody) =>
      call(endpoints.update, { params: { id }, body: patch }),
    onSuccess: changed,
  });
}

export type LifecycleAction = 'publish' | 'pause' | 'resume' | 'cancel';

/** Publishing and cancelling move money, so the balance and ledger are refetched too. */
export function useProjectAction(id: string) {
  const changed = useProjectChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: LifecycleAction) => call(endpoints[action], { params: { id } }),
    onSuccess: (project) => {
      changed(project);
      void queryClient.invalidateQueries({ queryKey: moneyKeys.balance() });
      void queryClient.invalidateQueries({ queryKey: moneyKeys.ledger() });
      void queryClient.invalidateQueries({ queryKey: projectKeys.batches(id) });
    },
  });
}

export function useBatches(id: string) {
  return useCursorList(batchEndpoints.list, {
    queryKey: projectKeys.batches(id),
    params: { id },
    query: { limit: 20 },
  });
}

/** One page of tasks at a time; `cursor` comes from the previous page's `nextCursor`. */
export function useTasks(id: string, cursor: string | undefined, pageSize = 20) {
  return useQuery({
    queryKey: projectKeys.tasks(id, { cursor, pageSize }),
    queryFn: ({ signal }) =>
      call(
        batchEndpoints.tasks,
        { params: { id }, query: { limit: pageSize, cursor } },
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function usePreview(id: string, taskId: string | undefined) {
  return useQuery({
    queryKey: projectKeys.preview(id, taskId),
    queryFn: ({ signal }) =>
      call(endpoints.preview, { params: { id }, query: { taskId } }, { signal }),
  });
}

/** After an upload: the new batch, its tasks, the task count and (if published) the escrow. */
export function useBatchAdded(id: string) {
  const queryClient = useQueryClient();
  return () => {
    // The project's key holds its batches, tasks and preview too.
    void queryClient.invalidateQueries({ queryKey: projectKeys.one(id) });
    void queryClient.invalidateQueries({ queryKey: projectKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: moneyKeys.balance() });
    void queryClient.invalidateQueries({ queryKey: moneyKeys.ledger() });
  };
}

/**
 * Deleting a draft's batch, or cancelling a published one's: everything that shows its tasks,
 * the project's counts and (for a cancel) the money changes.
 */
export function useWithdrawBatch(projectId: string) {
  const batchAdded = useBatchAdded(projectId);
  return useMutation({
    mutationFn: async (args: { batchId: string; action: 'delete' | 'cancel' }) => {
      const params = { id: projectId, batchId: args.batchId };
      if (args.action === 'delete') {
        const deleted = await call(batchEndpoints.deleteDraft, { params });
        return { action: 'delete' as const, deletedTasks: deleted.deletedTasks };
      }
      const batch = await call(batchEndpoints.cancel, { params });
      return { action: 'cancel' as const, batch };
    },
    onSuccess: batchAdded,
  });
}

export type UploadProgress = { loaded: number; total: number };

/** JSON by its name or type; anything else is sent as CSV and the server says if it is not. */
export function batchContentType(
  file: Pick<File, 'name' | 'type'>,
): 'application/json' | 'text/csv' {
  return file.type === 'application/json' || /\.json$/i.test(file.name)
    ? 'application/json'
    : 'text/csv';
}

/** The answer's JSON, or undefined when it is not JSON (a proxy's error page). */
function answerOf(xhr: XMLHttpRequest): unknown {
  try {
    return JSON.parse(xhr.responseText);
  } catch {
    return undefined;
  }
}

function errorFromXhr(xhr: XMLHttpRequest): ApiError {
  const parsed = errorResponseSchema.safeParse(answerOf(xhr));
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(xhr.status, code, message, details, parsed.data.requestId);
  }
  if (xhr.status === 413) {
    return new ApiError(413, 'payload_too_large', 'The file is larger than the upload limit.');
  }
  return new ApiError(
    xhr.status,
    'http_error',
    `The server answered with status ${xhr.status}. Try again in a moment.`,
  );
}

/**
 * Uploads a CSV or JSON file as a new batch. fetch() cannot report upload progress, so this one
 * call uses XMLHttpRequest rather than `call()`, with the same CSRF header and error shape as the
 * rest of the client; the file goes as it is (the server streams a CSV into its parser).
 */
export function uploadBatch(
  projectId: string,
  file: File,
  onProgress: (progress: UploadProgress) => void,
  signal?: AbortSignal,
  delimiter: CsvDelimiter = 'auto',
): Promise<Batch> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = endpointUrl(batchEndpoints.upload, {
      params: { id: projectId },
      query: { filename: file.name.slice(0, PROJECT_LIMITS.filenameMax), delimiter },
    });
    xhr.open(batchEndpoints.upload.method, url);
    xhr.setRequestHeader('content-type', batchContentType(file));
    xhr.setRequestHeader('accept', 'application/json');
    for (const [name, value] of Object.entries(csrfHeaders())) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      onProgress({ loaded: event.loaded, total: event.lengthComputable ? event.total : file.size });
    };
    xhr.onload = () => {
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(errorFromXhr(xhr));
        return;
      }
      const result = batchEndpoints.upload.response.safeParse(answerOf(xhr));
      if (result.success) resolve(result.data);
      else
        reject(
          new ApiError(
            xhr.status,
            'unexpected_response',
            'The upload finished, but the answer was not understood. Reload the page to see the batch.',
          ),
        );
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network_error', 'The upload stopped: could not reach Tessera.'));
    xhr.onabort = () => reject(new DOMException('The upload was cancelled.', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

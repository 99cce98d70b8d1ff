import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { errorResponseSchema, pageOf } from '../../shared/api/common.js';
import {
  batchSchema,
  deletedBatchSchema,
  previewSchema,
  PROJECT_LIMITS,
  projectSchema,
  taskSchema,
  type Batch,
  type CreateProjectBody,
  type CsvDelimiter,
  type Project,
  type ProjectStatus,
  type UpdateProjectBody,
} from '../../shared/api/projects.js';
import { api, ApiError, csrfHeaders } from './client.js';
import { balanceQueryKey, ledgerQueryKey } from './money.js';

const projectPage = pageOf(projectSchema);
const batchPage = pageOf(batchSchema);
const taskPage = pageOf(taskSchema);

export const projectsQueryKey = ['projects'] as const;
export const projectKey = (id: string) => [...projectsQueryKey, 'one', id] as const;
const batchesKey = (id: string) => [...projectKey(id), 'batches'] as const;
const tasksKey = (id: string) => [...projectKey(id), 'tasks'] as const;
const previewKey = (id: string) => [...projectKey(id), 'preview'] as const;

const path = (id: string, rest = '') => `projects/${encodeURIComponent(id)}${rest}`;

export function useProjects(filter: { status: ProjectStatus | undefined }) {
  return useInfiniteQuery({
    queryKey: [...projectsQueryKey, 'list', filter],
    queryFn: ({ pageParam, signal }) =>
      api.get(
        'projects',
        projectPage,
        { status: filter.status, limit: 20, cursor: pageParam },
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string) {
  return useQuery({
    queryKey: projectKey(id),
    queryFn: ({ signal }) => api.get(path(id), projectSchema, undefined, signal),
  });
}

/** Keeps the project's own entry and every list that shows it up to date after a change. */
function useProjectChanged() {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData(projectKey(project.id), project);
    void queryClient.invalidateQueries({ queryKey: [...projectsQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: previewKey(project.id) });
  };
}

export function useCreateProject() {
  const changed = useProjectChanged();
  return useMutation({
    mutationFn: (
      body: Partial<CreateProjectBody> & Pick<CreateProjectBody, 'title' | 'rewardCents'>,
    ) => api.post('projects', projectSchema, body),
    onSuccess: changed,
  });
}

export function useUpdateProject(id: string) {
  const changed = useProjectChanged();
  return useMutation({
    mutationFn: (patch: UpdateProjectBody) => api.patch(path(id), projectSchema, patch),
    onSuccess: changed,
  });
}

export type LifecycleAction = 'publish' | 'pause' | 'resume' | 'cancel';

/** Publishing and cancelling move money, so the balance and ledger are refetched too. */
export function useProjectAction(id: string) {
  const changed = useProjectChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: LifecycleAction) => api.post(path(id, `/${action}`), projectSchema),
    onSuccess: (project) => {
      changed(project);
      void queryClient.invalidateQueries({ queryKey: balanceQueryKey });
      void queryClient.invalidateQueries({ queryKey: ledgerQueryKey });
      void queryClient.invalidateQueries({ queryKey: batchesKey(id) });
    },
  });
}

export function useBatches(id: string) {
  return useInfiniteQuery({
    queryKey: batchesKey(id),
    queryFn: ({ pageParam, signal }) =>
      api.get(path(id, '/batches'), batchPage, { limit: 20, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** One page of tasks at a time; `cursor` comes from the previous page's `nextCursor`. */
export function useTasks(id: string, cursor: string | undefined, pageSize = 20) {
  return useQuery({
    queryKey: [...tasksKey(id), { cursor, pageSize }],
    queryFn: ({ signal }) =>
      api.get(path(id, '/tasks'), taskPage, { limit: pageSize, cursor }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePreview(id: string, taskId: string | undefined) {
  return useQuery({
    queryKey: [...previewKey(id), taskId ?? 'first'],
    queryFn: ({ signal }) => api.get(path(id, '/preview'), previewSchema, { taskId }, signal),
  });
}

/** After an upload: the new batch, its tasks, the task count and (if published) the escrow. */
export function useBatchAdded(id: string) {
  const queryClient = useQueryClient();
  return () => {
    // The project's key holds its batches, tasks and preview too.
    void queryClient.invalidateQueries({ queryKey: projectKey(id) });
    void queryClient.invalidateQueries({ queryKey: [...projectsQueryKey, 'list'] });
    void queryClient.invalidateQueries({ queryKey: balanceQueryKey });
    void queryClient.invalidateQueries({ queryKey: ledgerQueryKey });
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
      const batchPath = path(projectId, `/batches/${encodeURIComponent(args.batchId)}`);
      if (args.action === 'delete') {
        const deleted = await api.delete(batchPath, deletedBatchSchema);
        return { action: 'delete' as const, deletedTasks: deleted.deletedTasks };
      }
      const batch = await api.post(`${batchPath}/cancel`, batchSchema);
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

function errorFromXhr(xhr: XMLHttpRequest): ApiError {
  let body: unknown;
  try {
    body = JSON.parse(xhr.responseText) as unknown;
  } catch {
    body = undefined;
  }
  const parsed = errorResponseSchema.safeParse(body);
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
 * call uses XMLHttpRequest, with the same CSRF header and error shape as the rest of the client.
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
    const query = new URLSearchParams({
      filename: file.name.slice(0, PROJECT_LIMITS.filenameMax),
      delimiter,
    });
    xhr.open('POST', `/api/v1/${path(projectId, '/batches')}?${query.toString()}`);
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
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        body = undefined;
      }
      const result = batchSchema.safeParse(body);
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

import {
  Button,
  Code,
  FileButton,
  Group,
  List,
  NativeSelect,
  Progress,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCloudUpload, IconX } from '@tabler/icons-react';
import { useRef, useState, type DragEvent } from 'react';
import type { CsvDelimiter, Project } from '../../../../shared/api/projects.js';
import { CSV_DELIMITERS, PROJECT_LIMITS } from '../../../../shared/api/projects.js';
import { formatCents } from '../../../../shared/money.js';
import { placeholdersOf } from '../../../../shared/templates/index.js';
import { ApiError } from '../../../api/client.js';
import { uploadBatch, useBatchAdded, type UploadProgress } from '../../../api/projects.js';
import { errorMessage } from '../../../components/ErrorAlert.js';
import { formatBytes, uploadProblem } from '../lib/upload.js';
import { isOneOf } from '../../../lib/narrow.js';
import { ProblemAlert } from '../../../components/ProblemAlert.js';

const ACCEPT = '.csv,.json,.tsv,.txt,text/csv,text/tab-separated-values,application/json';

const SEPARATORS: { value: CsvDelimiter; label: string }[] = [
  { value: 'auto', label: 'Automatic (read from the header row)' },
  { value: 'comma', label: 'Comma ( , )' },
  { value: 'semicolon', label: 'Semicolon ( ; )' },
  { value: 'tab', label: 'Tab' },
];

function UploadError({ error }: { error: unknown }) {
  const problem = uploadProblem(error);
  return (
    <ProblemAlert title={problem.title}>
      {problem.cells.length > 0 ? (
        <>
          <List size="sm" spacing={2} aria-label="Cells to fix">
            {problem.cells.map((cell) => (
              <List.Item key={cell}>{cell}</List.Item>
            ))}
          </List>
          {problem.cellCount > problem.cells.length && (
            <Text size="sm" mt={4}>
              …and {(problem.cellCount - problem.cells.length).toLocaleString('en')} more.
            </Text>
          )}
        </>
      ) : (
        <Text size="sm">{errorMessage(error)}</Text>
      )}
      {problem.missingColumns.length > 0 && (
        <Group gap={6} mt={6}>
          <Text size="sm">Add these columns:</Text>
          {problem.missingColumns.map((column) => (
            <Code key={column}>{column}</Code>
          ))}
        </Group>
      )}
      <Text size="sm" mt={6} c="dimmed">
        Nothing was imported: fix the file and upload it again.
      </Text>
    </ProblemAlert>
  );
}

/** Drop a file here, or choose one: each upload becomes one batch, all rows or none. */
export function BatchUpload({ project }: { project: Project }) {
  const [dragging, setDragging] = useState(false);
  const [progress, setProgress] = useState<(UploadProgress & { name: string }) | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [separator, setSeparator] = useState<CsvDelimiter>('auto');
  const abort = useRef<AbortController | null>(null);
  const batchAdded = useBatchAdded(project.id);
  const columns = placeholdersOf(project.template);
  const uploading = progress !== null;
  const live = project.status !== 'draft';

  const upload = async (file: File | null) => {
    if (!file || uploading) return;
    setError(null);
    if (file.size > PROJECT_LIMITS.batchBytes) {
      setError(
        new ApiError(
          413,
          'payload_too_large',
          `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(PROJECT_LIMITS.batchBytes)}. Split it into smaller files.`,
        ),
      );
      return;
    }
    const controller = new AbortController();
    abort.current = controller;
    setProgress({ name: file.name, loaded: 0, total: file.size });
    try {
      const batch = await uploadBatch(
        project.id,
        file,
        (p) => setProgress({ name: file.name, ...p }),
        controller.signal,
        separator,
      );
      batchAdded();
      notifications.show({
        color: 'teal',
        title: `${batch.rowCount.toLocaleString('en')} tasks added`,
        message:
          batch.escrowCents > 0
            ? `${file.name}: ${formatCents(batch.escrowCents)} moved into escrow.`
            : file.name,
      });
    } catch (caught) {
      if (!(caught instanceof DOMException && caught.name === 'AbortError')) setError(caught);
    } finally {
      abort.current = null;
      setProgress(null);
    }
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void upload(event.dataTransfer.files.item(0));
  };

  const percent = progress && progress.total > 0 ? (progress.loaded / progress.total) * 100 : 0;
  const sent = progress && progress.loaded >= progress.total;

  return (
    <Stack gap="sm">
      <div
        className="upload-zone"
        data-active={dragging || undefined}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Group gap="lg" p="lg" wrap="nowrap" align="center">
          <ThemeIcon size={48} radius="xl" variant="light">
            <IconCloudUpload size={26} aria-hidden="true" />
          </ThemeIcon>
          {uploading ? (
            <Stack gap={6} style={{ flex: 1 }} aria-live="polite">
              <Group justify="space-between">
                <Text size="sm" fw={600}>
                  {sent ? `Importing ${progress.name}…` : `Uploading ${progress.name}…`}
                </Text>
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="gray"
                  leftSection={<IconX size={12} aria-hidden="true" />}
                  onClick={() => abort.current?.abort()}
                >
                  Cancel
                </Button>
              </Group>
              <Progress
                value={percent}
                animated={!!sent}
                aria-label={`Upload of ${progress.name}`}
              />
              <Text size="xs" c="dimmed">
                {formatBytes(progress.loaded)} of {formatBytes(progress.total)}
              </Text>
            </Stack>
          ) : (
            <>
              <Stack gap={2} style={{ flex: 1 }}>
                <Text fw={600}>Drop a CSV or JSON file here</Text>
                <Text size="sm" c="dimmed">
                  A CSV with a header row, or a JSON list of objects; each row becomes a task. Up to{' '}
                  {PROJECT_LIMITS.batchRows.toLocaleString('en')} rows and{' '}
                  {formatBytes(PROJECT_LIMITS.batchBytes)} per file.
                  {live && ' Added rows are escrowed at once and open to workers.'}
                </Text>
              </Stack>
              <FileButton onChange={(file) => void upload(file)} accept={ACCEPT}>
                {(props) => (
                  <Button {...props} variant="light">
                    Choose a file
                  </Button>
                )}
              </FileButton>
            </>
          )}
        </Group>
      </div>
      <NativeSelect
        label="CSV separator"
        description="Spreadsheets in some languages save CSV with semicolons; JSON files ignore this."
        data={SEPARATORS}
        value={separator}
        onChange={(event) => {
          const { value } = event.currentTarget;
          if (isOneOf(CSV_DELIMITERS, value)) setSeparator(value);
        }}
        disabled={uploading}
        maw={360}
      />
      {columns.length > 0 && (
        <Text size="sm" c="dimmed">
          Your template reads {columns.length === 1 ? 'the column' : 'these columns'}:{' '}
          {columns.map((c, i) => (
            <span key={c}>
              {i > 0 && ', '}
              <Code>{c}</Code>
            </span>
          ))}
          . Other columns are kept with each task.
        </Text>
      )}
      {error !== null && <UploadError error={error} />}
    </Stack>
  );
}

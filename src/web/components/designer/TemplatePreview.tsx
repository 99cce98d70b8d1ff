import {
  Badge,
  Button,
  Card,
  Code,
  Group,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconEye, IconTable } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { Template } from '../../../shared/templates/index.js';
import {
  fillFormTemplate,
  fillHtmlTemplate,
  placeholdersOf,
  validateAnswers,
} from '../../../shared/templates/index.js';
import { TaskForm, type TaskFormValues } from '../task-form/TaskForm.js';
import { TaskFramePreview } from '../task-frame/TaskFrame.js';
import { sampleRowFor } from './designer-model.js';

type TemplatePreviewProps = {
  template: Template;
  /** Sample values typed so far, by column. */
  sample: Readonly<Record<string, string>>;
  onSampleChange: (sample: Record<string, string>) => void;
  /** The first uploaded task's data, offered as a sample when there is one. */
  firstTaskData: Readonly<Record<string, string>> | null;
};

function PlaceholderList({
  placeholders,
  row,
  kind,
  onChange,
}: {
  placeholders: readonly string[];
  row: Readonly<Record<string, string>>;
  kind: Template['kind'];
  onChange: (column: string, value: string) => void;
}) {
  if (placeholders.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        This template uses no placeholders yet. Write{' '}
        <Code>{kind === 'form' ? '{{column}}' : '${column}'}</Code> in{' '}
        {kind === 'form' ? 'any text' : 'the HTML'} to fill it from each row of your data.
      </Text>
    );
  }
  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
      {placeholders.map((column) => (
        <TextInput
          key={column}
          size="xs"
          label={
            <Text span size="xs" ff="monospace" fw={600}>
              {column}
            </Text>
          }
          aria-label={`Sample value of ${column}`}
          placeholder="Sample value"
          value={row[column] ?? ''}
          onChange={(e) => onChange(column, e.currentTarget.value)}
        />
      ))}
    </SimpleGrid>
  );
}

function FormPreview({
  template,
  row,
}: {
  template: Extract<Template, { kind: 'form' }>;
  row: Record<string, string>;
}) {
  const [values, setValues] = useState<TaskFormValues>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const filled = useMemo(() => fillFormTemplate(template, row), [template, row]);
  const check = () => {
    const problems = validateAnswers(template, values);
    setErrors(Object.fromEntries(problems.map((p) => [p.item, `This answer ${p.message}.`])));
  };
  if (template.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="xl">
        Add items to see the form here.
      </Text>
    );
  }
  return (
    <Stack gap="lg">
      <TaskForm
        items={filled.items}
        values={values}
        errors={errors}
        onChange={(name, value) => {
          setValues((current) => ({ ...current, [name]: value }));
          setErrors(({ [name]: _gone, ...rest }) => rest);
        }}
      />
      <Group gap="xs">
        <Button size="xs" variant="light" onClick={check}>
          Check answers
        </Button>
        <Button
          size="xs"
          variant="subtle"
          color="gray"
          onClick={() => {
            setValues({});
            setErrors({});
          }}
        >
          Clear
        </Button>
        {Object.keys(errors).length === 0 && Object.keys(values).length > 0 && (
          <Text size="xs" c="dimmed">
            Answers are checked just as the server will check them.
          </Text>
        )}
      </Group>
    </Stack>
  );
}

/** The template as a worker will see it, filled from sample values, beside its placeholders. */
export function TemplatePreview({
  template,
  sample,
  onSampleChange,
  firstTaskData,
}: TemplatePreviewProps) {
  const placeholders = useMemo(() => placeholdersOf(template), [template]);
  const row = useMemo(() => sampleRowFor(placeholders, sample), [placeholders, sample]);
  const html = template.kind === 'html' ? fillHtmlTemplate(template.html, row) : '';

  return (
    <Stack gap="md">
      <Card p={0}>
        <Group gap={8} px="md" py="sm" className="table-toolbar">
          <IconEye size={16} aria-hidden="true" />
          <Title order={3}>Live preview</Title>
          <Text size="xs" c="dimmed">
            what a worker sees
          </Text>
        </Group>
        <div className="designer-preview-body">
          {template.kind === 'form' ? (
            <FormPreview template={template} row={row} />
          ) : (
            <TaskFramePreview
              html={html}
              title="Preview of the HTML task"
              allowForms
              height={480}
            />
          )}
        </div>
      </Card>
      <Card p="md">
        <Group justify="space-between" mb="xs" wrap="nowrap">
          <Group gap={8}>
            <Title order={3}>Sample data</Title>
            <Badge color="gray" variant="light">
              {placeholders.length}
            </Badge>
          </Group>
          {firstTaskData && placeholders.length > 0 && (
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconTable size={14} aria-hidden="true" />}
              onClick={() => onSampleChange({ ...sample, ...firstTaskData })}
            >
              Use first task
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed" mb="sm">
          Each placeholder is a column your data must have. Change the values to try the preview.
        </Text>
        <PlaceholderList
          placeholders={placeholders}
          row={row}
          kind={template.kind}
          onChange={(column, value) => onSampleChange({ ...sample, [column]: value })}
        />
      </Card>
    </Stack>
  );
}

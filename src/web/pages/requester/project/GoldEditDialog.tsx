import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMemo, useState, type FormEvent } from 'react';
import type { GoldTask } from '../../../../shared/api/gold.js';
import type { Project } from '../../../../shared/api/projects.js';
import { goldInputSchema, QUALITY_LIMITS } from '../../../../shared/api/quality.js';
import { fillFormTemplate } from '../../../../shared/templates/fill.js';
import { ANSWER_ITEM_TYPES } from '../../../../shared/templates/model.js';
import { isApiError } from '../../../api/client.js';
import { useSetGold } from '../../../api/gold.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FormActions } from '../../../components/FormActions.js';
import { TaskForm } from '../../../components/task-form/TaskForm.js';
import { fieldIssuesIn } from '../../../lib/narrow.js';
import { useSettlingAction } from '../../../lib/use-settling-action.js';

/** The server's per-item problems (`body.answers.<item>`), keyed by item. */
function itemErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const errors: Record<string, string> = {};
  for (const issue of fieldIssuesIn(error.details)) {
    const item = /^body\.answers\.(.+)$/.exec(issue.path)?.[1];
    if (item && !(item in errors)) errors[item] = issue.message;
  }
  return errors;
}

/** Answers left empty are not known: only what the requester filled in is sent. */
function knownAnswers(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values).filter(
      ([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0),
    ),
  );
}

/**
 * Edits one gold task's known answers with the worker's own form (a form template), or as JSON
 * (an HTML template, whose fields only its HTML knows), and the explanation shown after a wrong
 * answer. The server checks the answers against the template and names the item it refuses.
 */
export function GoldEditDialog({
  project,
  gold,
  onClose,
}: {
  project: Project;
  gold: GoldTask;
  onClose: () => void;
}) {
  const setGold = useSetGold(project.id);
  const { busy, error, run } = useSettlingAction();
  const [values, setValues] = useState<Record<string, unknown>>(gold.answers);
  const [json, setJson] = useState(() => JSON.stringify(gold.answers, null, 2));
  const [jsonProblem, setJsonProblem] = useState<string | null>(null);
  const [explanation, setExplanation] = useState(gold.explanation ?? '');
  const template = project.template;
  const items = useMemo(
    () =>
      template.kind === 'form'
        ? fillFormTemplate(template, gold.data).items.filter((item) =>
            ANSWER_ITEM_TYPES.some((type) => type === item.type),
          )
        : [],
    [template, gold.data],
  );

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let answers: unknown;
    if (template.kind === 'form') answers = knownAnswers(values);
    else {
      try {
        answers = JSON.parse(json);
      } catch {
        setJsonProblem('Write the known answers as a JSON object: { "field": "value" }');
        return;
      }
    }
    // An object of text, numbers or lists of option values, as a worker would send.
    const checked = goldInputSchema.shape.answers.safeParse(answers);
    if (!checked.success) {
      setJsonProblem(
        'Write the known answers as an object whose values are text, numbers or lists of option values.',
      );
      return;
    }
    setJsonProblem(null);
    await run(
      () =>
        setGold.mutateAsync({ taskId: gold.taskId, gold: { answers: checked.data, explanation } }),
      onClose,
    );
  };

  return (
    <Modal
      opened
      onClose={busy ? () => undefined : onClose}
      title={`Known answers of task #${gold.taskNumber}`}
      centered
      size="lg"
    >
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Answer as a worker should. Workers answering otherwise count as wrong on this task;
            answers already scored keep their score.
          </Text>
          {template.kind === 'form' ? (
            <TaskForm
              items={items}
              values={values}
              errors={itemErrors(error)}
              onChange={(name, value) => setValues((old) => ({ ...old, [name]: value }))}
            />
          ) : (
            <Textarea
              label="Known answers (JSON)"
              description="Field names of your HTML form and the values a worker should send."
              autosize
              minRows={4}
              ff="monospace"
              value={json}
              onChange={(event) => setJson(event.currentTarget.value)}
              error={jsonProblem}
            />
          )}
          <Textarea
            label="Explanation"
            description="Shown to a worker after a wrong answer, when feedback is on in Settings."
            autosize
            minRows={2}
            maxLength={QUALITY_LIMITS.explanationMax}
            value={explanation}
            onChange={(event) => setExplanation(event.currentTarget.value)}
          />
          {template.kind === 'form' && jsonProblem !== null && (
            <Text size="sm" c="red" role="alert">
              {jsonProblem}
            </Text>
          )}
          {error !== null && <ErrorAlert error={error} title="Not saved" />}
          <FormActions onCancel={onClose} busy={busy}>
            Save known answers
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

import { Alert, Button, Card, Grid, Group, NumberInput, Stack, Text, Title } from '@mantine/core';
import { IconDeviceFloppy, IconSparkles } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import {
  QUALIFICATION_TEST_LIMITS as T,
  qualificationTestSchema,
  type QualificationTestDefinition,
  type QualificationTest,
} from '../../../../shared/api/qualification-tests.js';
import type { FormItemType } from '../../../../shared/templates/index.js';
import { fillFormTemplate, isAnswerItem } from '../../../../shared/templates/index.js';
import { isApiError } from '../../../api/client.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { createItem, itemTitle } from '../../../components/designer/designer-model.js';
import {
  AddItemMenu,
  FormItemsEditor,
  type ItemRow,
} from '../../../components/designer/FormItemsEditor.js';
import '../../../components/designer/designer.css';
import { EmptyState } from '../../../components/EmptyState.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { AnswerField, type AnswerFormItem } from '../../../components/task-form/TaskFormFields.js';
import { fieldIssuesIn } from '../../../lib/narrow.js';
import {
  describeTestPath,
  draftMaxScore,
  draftOfTest,
  pointsOf,
  testOfDraft,
  type TestDraft,
} from './test-editor-model.js';

let lastRowId = 0;
const rowsOf = (items: TestDraft['items']): ItemRow[] =>
  items.map((item) => ({ id: `test-item-${(lastRowId += 1)}`, item }));

const EXAMPLE: FormItemType[] = ['instructions', 'single_choice', 'number'];

type Problem = { path: string; message: string };

/** The API's problems with `body.test.…`, by their place in the test. */
function problemsOf(error: unknown): Problem[] {
  if (!isApiError(error, 400)) return [];
  return fieldIssuesIn(error.details)
    .filter((i) => i.path.startsWith('body.test.'))
    .map((i) => ({ path: i.path.slice('body.test.'.length), message: i.message }));
}

/** The right answer and points of one question, entered with the field workers will see. */
function KeyField({
  row,
  draft,
  onChange,
}: {
  row: ItemRow;
  draft: TestDraft;
  onChange: (patch: Partial<TestDraft>) => void;
}) {
  const filled = fillFormTemplate({ kind: 'form', items: [row.item] }, {}).items[0];
  if (!filled || !isAnswerItem(row.item)) return null;
  // Filled from an answer item, so it is one too.
  const question = {
    ...filled,
    label: 'Right answer',
    help: undefined,
    required: false,
  } as AnswerFormItem;
  const name = row.item.name;
  return (
    <Card withBorder p="sm" component="section" aria-label={`Key of ${itemTitle(row.item)}`}>
      <Text size="sm" fw={600} mb={6}>
        {itemTitle(row.item)}
      </Text>
      <Group align="flex-start" gap="md" wrap="nowrap">
        <div style={{ flex: 1 }}>
          <AnswerField
            item={question}
            value={draft.answers[name]}
            onChange={(value) => onChange({ answers: { ...draft.answers, [name]: value } })}
            error={undefined}
            readOnly={false}
          />
        </div>
        <NumberInput
          label="Points"
          w={90}
          min={0}
          max={T.pointsMax}
          allowDecimal={false}
          value={pointsOf(draft, name)}
          onChange={(value) =>
            onChange({ points: { ...draft.points, [name]: typeof value === 'number' ? value : 0 } })
          }
        />
      </Group>
    </Card>
  );
}

/**
 * A qualification type's test: the questions, built like a project's form, the right answer and
 * points of each, the pass mark and the limits. Saving replaces the test; removing deletes it.
 */
export function QualificationTestEditor({
  saved,
  onSave,
}: {
  saved: QualificationTestDefinition | null;
  onSave: (test: QualificationTest | null) => Promise<unknown>;
}) {
  const [draft, setDraft] = useState<TestDraft>(() => draftOfTest(saved));
  const [rows, setRows] = useState<ItemRow[]>(() => rowsOf(draft.items));
  const [openId, setOpenId] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const current = useMemo(() => ({ ...draft, items: rows.map((r) => r.item) }), [draft, rows]);
  const maxScore = draftMaxScore(current);

  const change = (patch: Partial<TestDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const addItems = (types: FormItemType[]) => {
    const taken = rows.map((r) => r.item.name);
    const added = types.map((type) => {
      const item = createItem(type, taken);
      taken.push(item.name);
      return { id: `test-item-${(lastRowId += 1)}`, item };
    });
    setRows([...rows, ...added]);
    setOpenId(added[added.length - 1]?.id ?? null);
  };

  const save = async () => {
    setError(null);
    const body = testOfDraft(current);
    const parsed = qualificationTestSchema.safeParse(body);
    if (!parsed.success) {
      setProblems(parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
      return;
    }
    setProblems([]);
    setSaving(true);
    try {
      await onSave(parsed.data);
    } catch (failure) {
      const found = problemsOf(failure);
      if (found.length > 0) setProblems(found);
      else setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="md">
      {problems.length > 0 && (
        <Alert color="red" variant="light" role="alert" title="The test has problems">
          {problems.map((p) => (
            <Text key={`${p.path}:${p.message}`} size="sm">
              {describeTestPath(p.path)}: {p.message}
            </Text>
          ))}
        </Alert>
      )}
      {error !== null && <ErrorAlert error={error} title="Could not save the test" />}
      <Grid gap="lg" align="flex-start">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Title order={2} fz="h4" mb="sm">
            Questions
          </Title>
          {rows.length === 0 ? (
            <EmptyState
              icon={<IconSparkles size={28} aria-hidden="true" />}
              title="Write the test’s questions"
              description="Add questions with right answers: choices, numbers or short text. Instructions and media may go between them."
              actions={
                <Group gap="sm">
                  <AddItemMenu
                    onAdd={(type) => addItems([type])}
                    disabled={false}
                    variant="filled"
                  />
                  <Button variant="default" onClick={() => addItems(EXAMPLE)}>
                    Start from an example
                  </Button>
                </Group>
              }
            />
          ) : (
            <FormItemsEditor
              rows={rows}
              onChange={setRows}
              onAdd={(type) => addItems([type])}
              errors={{}}
              disabled={false}
              openId={openId}
              onOpen={setOpenId}
            />
          )}
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <Title order={2} fz="h4">
              Answer key
            </Title>
            <Text size="sm" c="dimmed">
              Give each scored question its right answer. Text matches ignoring case and extra
              spaces; a question left blank here is not scored.
            </Text>
            {rows.map((row) => (
              <KeyField key={row.id} row={row} draft={current} onChange={change} />
            ))}
            <Card withBorder p="sm" component="section" aria-label="Rules">
              <Stack gap="sm">
                <NumberInput
                  label="Pass mark"
                  description={`Points needed, of ${maxScore}. Passing grants the qualification with the score as its value.`}
                  min={0}
                  allowDecimal={false}
                  value={draft.passingScore}
                  onChange={(v) => change({ passingScore: typeof v === 'number' ? v : 0 })}
                />
                <NumberInput
                  label="Time allowed (minutes)"
                  min={1}
                  max={T.testDurationSecondsMax / 60}
                  allowDecimal={false}
                  value={draft.durationMinutes}
                  onChange={(v) => change({ durationMinutes: typeof v === 'number' ? v : 0 })}
                />
                <NumberInput
                  label="Wait before retrying (minutes)"
                  description="0 lets a worker try again at once."
                  min={0}
                  max={T.retryDelaySecondsMax / 60}
                  allowDecimal={false}
                  value={draft.retryDelayMinutes}
                  onChange={(v) => change({ retryDelayMinutes: typeof v === 'number' ? v : 0 })}
                />
              </Stack>
            </Card>
            <Group justify="flex-end" gap="sm">
              {saved && (
                <ConfirmButton
                  variant="subtle"
                  color="red"
                  title="Remove the test?"
                  message="Workers can no longer take it. Holders keep their values, and attempts already started can still be submitted."
                  confirmLabel="Remove"
                  onConfirm={async () => {
                    await onSave(null);
                    setDraft(draftOfTest(null));
                    setRows([]);
                  }}
                >
                  Remove the test
                </ConfirmButton>
              )}
              <Button
                leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}
                loading={saving}
                onClick={() => void save()}
              >
                Save the test
              </Button>
            </Group>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

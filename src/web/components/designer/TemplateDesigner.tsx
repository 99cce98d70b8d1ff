import {
  Alert,
  Button,
  Card,
  Grid,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Text,
} from '@mantine/core';
import { IconDeviceFloppy, IconLock, IconSparkles } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import type { FormItemType, Template } from '../../../shared/templates/index.js';
import { FORM_ITEM_TYPES, templateSchema } from '../../../shared/templates/index.js';
import type { OptionValueChange } from '../../../shared/templates/published-changes.js';
import { isApiError } from '../../api/client.js';
import { useKeptDraft } from '../../lib/use-kept-draft.js';
import { EmptyState } from '../EmptyState.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { RestoreDraftAlert } from '../RestoreDraftAlert.js';
import { UnsavedChangesGuard } from '../UnsavedChangesGuard.js';
import {
  changedOptionValues,
  createItem,
  groupTemplateIssues,
  isTemplateChanged,
  issueCount,
  NO_ISSUES,
  optionValueIssues,
  starterTemplate,
  templateIssuesFromDetails,
  type TemplateIssues,
} from './designer-model.js';
import { AddItemMenu, FormItemsEditor, type ItemRow } from './FormItemsEditor.js';
import { HtmlTemplateEditor } from './HtmlTemplateEditor.js';
import { OptionValueChangeDialog } from './OptionValueChangeDialog.js';
import { OptionsModeContext, type OptionsMode } from './OptionsEditor.js';
import { TemplatePreview } from './TemplatePreview.js';
import { TemplateStarters } from './TemplateStarters.js';
import './designer.css';
import { isOneOf, isRecord } from '../../lib/narrow.js';

let lastRowId = 0;
const rowsOf = (template: Template): ItemRow[] =>
  template.kind === 'form'
    ? template.items.map((item) => ({ id: `item-${(lastRowId += 1)}`, item }))
    : [];

type Draft = { kind: Template['kind']; rows: ItemRow[]; html: string };

function draftOf(template: Template): Draft {
  return {
    kind: template.kind,
    rows: rowsOf(template),
    html: template.kind === 'html' ? template.html : '',
  };
}

function templateOf(draft: Draft): Template {
  return draft.kind === 'form'
    ? { kind: 'form', items: draft.rows.map((r) => r.item) }
    : { kind: 'html', html: draft.html };
}

const EXAMPLE_TYPES: FormItemType[] = ['instructions', 'image', 'single_choice', 'text'];

/** Whether a kept draft still looks like a template this designer can open. */
function isTemplateShape(value: unknown): value is Template {
  if (!isRecord(value)) return false;
  if (value.kind === 'html') return typeof value.html === 'string';
  return (
    value.kind === 'form' &&
    Array.isArray(value.items) &&
    value.items.every((item: unknown) => isRecord(item) && isOneOf(FORM_ITEM_TYPES, item.type))
  );
}

export type SaveOptions = { acknowledgeOptionValueChanges?: boolean };

type TemplateDesignerProps = {
  saved: Template;
  /** Why the design cannot change (e.g. the project is published), or null when it can. */
  lockedReason: string | null;
  /** The first uploaded task's data, to fill the preview with real values. */
  firstTaskData: Readonly<Record<string, string>> | null;
  /**
   * A published project: although the design is locked, its options may be reworded, and their
   * values changed after a warning.
   */
  optionsEditableWhenLocked?: boolean;
  /** Answers given so far (submitted or approved), for the warning about changing values. */
  answerCount?: number;
  /** Assignments open right now, whose workers still see the old options. */
  inProgressCount?: number;
  /** Where unsaved edits are kept on this device (by user and project), or null. */
  draftKey?: string | null;
  /** Saves the template; rejects with the API's error (its details name the faulty items). */
  onSave: (template: Template, options: SaveOptions) => Promise<unknown>;
};

/** The task designer: build a form item by item, or write HTML, with a live preview beside it. */
export function TemplateDesigner({
  saved,
  lockedReason,
  firstTaskData,
  optionsEditableWhenLocked = false,
  answerCount = 0,
  inProgressCount = 0,
  draftKey = null,
  onSave,
}: TemplateDesignerProps) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(saved));
  const [openId, setOpenId] = useState<string | null>(null);
  const [issues, setIssues] = useState<TemplateIssues>(NO_ISSUES);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [pendingKind, setPendingKind] = useState<Template['kind'] | null>(null);
  const [sample, setSample] = useState<Record<string, string>>(() => ({ ...firstTaskData }));
  const [pendingValueChanges, setPendingValueChanges] = useState<{
    template: Template;
    changes: OptionValueChange[];
  } | null>(null);
  const locked = lockedReason !== null;
  const editable = !locked || optionsEditableWhenLocked;
  const optionsMode = useMemo<OptionsMode>(
    () => ({ valuesFollowLabels: !locked, textsEditableWhenLocked: optionsEditableWhenLocked }),
    [locked, optionsEditableWhenLocked],
  );

  // Real data makes a better sample than blanks, once it has loaded.
  useEffect(() => {
    if (firstTaskData) setSample((current) => ({ ...firstTaskData, ...current }));
  }, [firstTaskData]);

  const template = useMemo(() => templateOf(draft), [draft]);
  const dirty = useMemo(() => isTemplateChanged(template, saved), [template, saved]);
  const kept = useKeptDraft({
    key: editable ? draftKey : null,
    current: template,
    dirty,
    isValue: isTemplateShape,
    differsFromSaved: (value) => isTemplateChanged(value, saved),
  });

  const update = (patch: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...patch }));
    setSaveError(null);
  };

  const addItems = (types: FormItemType[]) => {
    const taken = draft.rows.map((r) => r.item.name);
    const added = types.map((type) => {
      const item = createItem(type, taken);
      taken.push(item.name);
      return { id: `item-${(lastRowId += 1)}`, item };
    });
    update({ rows: [...draft.rows, ...added] });
    setOpenId(added[added.length - 1]?.id ?? null);
  };

  const switchKind = (kind: Template['kind']) => {
    setDraft(draftOf(starterTemplate(kind)));
    setIssues(NO_ISSUES);
    setPendingKind(null);
  };

  const save = async (options: SaveOptions = {}) => {
    setSaveError(null);
    const parsed = templateSchema.safeParse(template);
    const found = [
      ...(parsed.success
        ? []
        : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
      ...optionValueIssues(template),
    ];
    if (!parsed.success || found.length > 0) {
      setIssues(groupTemplateIssues(found));
      return;
    }
    // Answers already given keep their values: changing them after publishing needs a yes.
    const changes = optionsEditableWhenLocked ? changedOptionValues(saved, parsed.data) : [];
    if (changes.length > 0 && !options.acknowledgeOptionValueChanges) {
      setPendingValueChanges({ template: parsed.data, changes });
      return;
    }
    setPendingValueChanges(null);
    setSaving(true);
    try {
      await onSave(parsed.data, options);
      setIssues(NO_ISSUES);
    } catch (error) {
      const found = isApiError(error) ? templateIssuesFromDetails(error.details) : [];
      if (found.length > 0) setIssues(groupTemplateIssues(found));
      else setSaveError(error);
    } finally {
      setSaving(false);
    }
  };

  const startFrom = (html: string, startSample: Record<string, string> | null) => {
    setDraft(draftOf({ kind: 'html', html }));
    setIssues(NO_ISSUES);
    setSaveError(null);
    if (startSample) setSample({ ...startSample });
  };

  const problems = issueCount(issues);
  const itemCount = draft.rows.length;

  return (
    <Stack gap="md">
      <UnsavedChangesGuard
        dirty={dirty && editable}
        what="your changes to the design"
        onLeave={kept.forget}
      />
      {kept.offer && (
        <RestoreDraftAlert
          savedAt={kept.offer.savedAt}
          what="this design"
          onRestore={() => {
            const value = kept.accept();
            if (value) setDraft(draftOf(value));
            setIssues(NO_ISSUES);
          }}
          onDiscard={kept.dismiss}
        />
      )}
      {lockedReason && (
        <Alert
          color="tessera"
          variant="light"
          icon={<IconLock aria-hidden="true" />}
          title="The design is locked"
        >
          {lockedReason}
        </Alert>
      )}
      <Card p="sm" className="designer-toolbar">
        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <SegmentedControl
              aria-label="Template kind"
              value={draft.kind}
              disabled={locked}
              onChange={(value) => {
                const kind = value === 'html' ? 'html' : 'form';
                if (kind === draft.kind) return;
                const blank = draft.kind === 'form' ? itemCount === 0 : draft.html.trim() === '';
                if (blank) switchKind(kind);
                else setPendingKind(kind);
              }}
              data={[
                { value: 'form', label: 'Form builder' },
                { value: 'html', label: 'HTML' },
              ]}
            />
            <Text size="sm" c="dimmed">
              {draft.kind === 'form'
                ? `${itemCount} ${itemCount === 1 ? 'item' : 'items'}`
                : 'MTurk-style HTML'}
            </Text>
            <TemplateStarters disabled={locked} onStart={startFrom} />
          </Group>
          <Group gap="sm">
            <Group gap={6} aria-live="polite">
              {dirty && editable && <span className="unsaved-dot" aria-hidden="true" />}
              <Text size="sm" c={dirty ? 'dark.6' : 'dimmed'} fw={dirty ? 600 : 400}>
                {!editable ? '' : dirty ? 'Unsaved changes' : 'All changes saved'}
              </Text>
            </Group>
            {editable && (
              <>
                <Button
                  variant="default"
                  disabled={!dirty || saving}
                  onClick={() => {
                    setDraft(draftOf(saved));
                    setIssues(NO_ISSUES);
                    setSaveError(null);
                  }}
                >
                  Discard
                </Button>
                <Button
                  leftSection={<IconDeviceFloppy size={16} aria-hidden="true" />}
                  disabled={!dirty}
                  loading={saving}
                  onClick={() => void save()}
                >
                  Save design
                </Button>
              </>
            )}
          </Group>
        </Group>
      </Card>
      {problems > 0 && (
        <Alert color="red" variant="light" role="alert" title="The design has problems">
          {problems === 1 ? 'One thing needs' : `${problems} things need`} fixing before it can be
          saved; {problems === 1 ? 'it is' : 'they are'} marked below.
          {Object.entries(issues.general).map(([field, message]) => (
            <Text key={field} size="sm" mt={4}>
              {field}: {message}
            </Text>
          ))}
        </Alert>
      )}
      {saveError !== null && <ErrorAlert error={saveError} title="Could not save the design" />}

      <OptionsModeContext.Provider value={optionsMode}>
        <Grid gap="lg" align="flex-start">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            {draft.kind === 'html' ? (
              <HtmlTemplateEditor
                html={draft.html}
                onChange={(html) => update({ html })}
                error={issues.general.html}
                disabled={locked}
              />
            ) : itemCount === 0 ? (
              <EmptyState
                icon={<IconSparkles size={28} aria-hidden="true" />}
                title="Build the form workers fill in"
                description="Add instructions, questions and media. Any text may hold {{column}} placeholders that each row of your data fills in."
                actions={
                  <Group gap="sm">
                    <AddItemMenu
                      onAdd={(type) => addItems([type])}
                      disabled={locked}
                      variant="filled"
                    />
                    <Button
                      variant="default"
                      disabled={locked}
                      onClick={() => addItems(EXAMPLE_TYPES)}
                    >
                      Start from an example
                    </Button>
                  </Group>
                }
              />
            ) : (
              <FormItemsEditor
                rows={draft.rows}
                onChange={(rows) => update({ rows })}
                onAdd={(type) => addItems([type])}
                errors={issues.items}
                disabled={locked}
                openId={openId}
                onOpen={setOpenId}
              />
            )}
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }} className="designer-preview-column">
            <TemplatePreview
              template={template}
              sample={sample}
              onSampleChange={setSample}
              firstTaskData={firstTaskData}
            />
          </Grid.Col>
        </Grid>
      </OptionsModeContext.Provider>

      <OptionValueChangeDialog
        changes={pendingValueChanges?.changes ?? null}
        answerCount={answerCount}
        inProgressCount={inProgressCount}
        onCancel={() => setPendingValueChanges(null)}
        onConfirm={() => void save({ acknowledgeOptionValueChanges: true })}
      />

      <Modal
        opened={pendingKind !== null}
        onClose={() => setPendingKind(null)}
        title={
          pendingKind === 'html' ? 'Switch to an HTML template?' : 'Switch to the form builder?'
        }
        centered
      >
        <Text size="sm">
          {draft.kind === 'form'
            ? `The ${itemCount} ${itemCount === 1 ? 'item' : 'items'} of this form will be replaced by a starter HTML page.`
            : 'Your HTML will be replaced by an empty form.'}{' '}
          Nothing changes on the server until you save, and Discard brings the saved design back.
        </Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setPendingKind(null)}>
            Keep editing
          </Button>
          <Button color="red" onClick={() => pendingKind && switchKind(pendingKind)}>
            Switch
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}

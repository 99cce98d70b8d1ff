import {
  Alert,
  Button,
  Card,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { GetInputPropsReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { Project, UpdateProjectBody } from '../../../../shared/api/projects.js';
import { EARLY_ACCESS_MINUTES_MAX, PROJECT_LIMITS } from '../../../../shared/api/projects.js';
import { useCurrentUser } from '../../../api/accounts.js';
import { isApiError } from '../../../api/client.js';
import { useUpdateProject } from '../../../api/projects.js';
import { useQualificationTypeOptions } from '../../../api/qualifications.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { RestoreDraftAlert } from '../../../components/RestoreDraftAlert.js';
import { UnsavedChangesGuard } from '../../../components/UnsavedChangesGuard.js';
import { draftKey } from '../../../lib/draft-storage.js';
import { serverFieldErrors } from '../../../lib/forms.js';
import { useKeptDraft } from '../../../lib/use-kept-draft.js';
import { issuesByIndex } from '../lib/requirements.js';
import { localInputFromIso } from '../lib/units.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import { RequirementsEditor } from './RequirementsEditor.js';
import {
  formFieldOf,
  isLiveEditable,
  REVIEW_UNITS,
  settingsPatch,
  settingsValuesOf,
  TIME_UNITS,
  validateSettings,
  type SettingsValues,
} from './settings-form.js';
import { isRecord } from '../../../lib/narrow.js';
import { RewardInput } from '../RewardInput.js';
import { SectionHeading } from '../../../components/SectionHeading.js';

const unitOptions = (units: readonly string[]) =>
  units.map((unit) => ({ value: unit, label: unit.charAt(0).toUpperCase() + unit.slice(1) }));

/** A length of time as a number and its unit, side by side (the form's two fields). */
function DurationField({
  label,
  description,
  unitLabel,
  units,
  disabled,
  amount,
  unit,
}: {
  label: string;
  description: string;
  /** The unit select's accessible name (its visible label is just "Unit"). */
  unitLabel: string;
  units: readonly string[];
  disabled: boolean;
  amount: GetInputPropsReturnType;
  unit: GetInputPropsReturnType;
}) {
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NumberInput
        label={label}
        description={description}
        min={0}
        style={{ flex: 1 }}
        disabled={disabled}
        {...amount}
      />
      <Select
        label="Unit"
        aria-label={unitLabel}
        description=" "
        data={unitOptions(units)}
        allowDeselect={false}
        w={120}
        disabled={disabled}
        {...unit}
      />
    </Group>
  );
}

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  return (
    <Card>
      <SectionHeading title={title} description={description} fz="h3" gap={4} mb="md" />
      <Stack gap="md">{children}</Stack>
    </Card>
  );
}

/** Whether kept settings still look like this form's values. */
function isSettingsShape(value: unknown): value is SettingsValues {
  return (
    isRecord(value) &&
    typeof value.title === 'string' &&
    typeof value.expiresAt === 'string' &&
    Array.isArray(value.keywords) &&
    Array.isArray(value.requirements)
  );
}

export function SettingsTab({ project }: { project: Project }) {
  const user = useCurrentUser();
  const update = useUpdateProject(project.id);
  const types = useQualificationTypeOptions('');
  const [formError, setFormError] = useState<unknown>(null);
  const [requirementErrors, setRequirementErrors] = useState<
    Record<number, Record<string, string>>
  >({});
  const form = useForm<SettingsValues>({
    initialValues: settingsValuesOf(project),
    validate: validateSettings,
  });
  const closed = project.status === 'completed' || project.status === 'cancelled';
  const locked = (field: keyof UpdateProjectBody) => closed || !isLiveEditable(project, field);
  const dirty = !closed && form.isDirty();
  const kept = useKeptDraft({
    key: closed ? null : draftKey(user.id, project.id, 'settings'),
    current: form.values,
    dirty,
    isValue: isSettingsShape,
    differsFromSaved: (value) =>
      JSON.stringify(value) !== JSON.stringify(settingsValuesOf(project)),
  });
  const kindOf = (id: string) => types.data?.find((t) => t.id === id)?.valueKind ?? 'integer';

  const submit = form.onSubmit((values) => {
    setFormError(null);
    setRequirementErrors({});
    const patch = settingsPatch(project, values, kindOf);
    if (Object.keys(patch).length === 0) {
      notifications.show({
        color: 'gray',
        title: 'Nothing to save',
        message: 'No setting has changed.',
      });
      return;
    }
    update.mutate(patch, {
      onSuccess: (saved) => {
        form.setInitialValues(settingsValuesOf(saved));
        form.setValues(settingsValuesOf(saved));
        notifications.show({ color: 'teal', title: 'Settings saved', message: saved.title });
      },
      onError: (error) => {
        const fields = serverFieldErrors(error);
        const byForm = Object.fromEntries(
          Object.entries(fields).map(([field, message]) => [formFieldOf(field), message]),
        );
        const perRequirement = isApiError(error)
          ? issuesByIndex(error.details, 'qualificationRequirements')
          : {};
        setRequirementErrors(perRequirement);
        if (Object.keys(byForm).length > 0) form.setErrors(byForm);
        else setFormError(error);
      },
    });
  });

  const expiryMin = localInputFromIso(
    project.status === 'draft' ? new Date().toISOString() : project.expiresAt,
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Project settings">
      <Stack gap="lg">
        <UnsavedChangesGuard
          dirty={dirty}
          what="your changes to the settings"
          onLeave={kept.forget}
        />
        {kept.offer && (
          <RestoreDraftAlert
            savedAt={kept.offer.savedAt}
            what="these settings"
            onRestore={() => {
              const value = kept.accept();
              if (value) form.setValues(value);
            }}
            onDiscard={kept.dismiss}
          />
        )}
        {!closed && project.status !== 'draft' && (
          <Alert
            color="tessera"
            variant="light"
            icon={<IconLock aria-hidden="true" />}
            title="Some settings are locked"
          >
            While the project is published, workers rely on its reward, time and requirements, so
            only the title, description, keywords, instructions and a later expiry can change.
          </Alert>
        )}
        {closed && (
          <Alert
            color="tessera"
            variant="light"
            icon={<IconLock aria-hidden="true" />}
            title={`This project is ${project.status}`}
          >
            Its settings can no longer change.
          </Alert>
        )}
        {formError !== null && <ErrorAlert error={formError} title="Could not save the settings" />}

        <Section
          title="What workers see"
          description="The title and description appear in workers’ list of work; the instructions above every task."
        >
          <TextInput
            label="Title"
            required
            maxLength={PROJECT_LIMITS.titleMax}
            disabled={locked('title')}
            {...form.getInputProps('title')}
          />
          <Textarea
            label="Description"
            description="One or two sentences. Markdown is allowed."
            autosize
            minRows={2}
            maxRows={6}
            maxLength={PROJECT_LIMITS.descriptionMax}
            disabled={locked('description')}
            {...form.getInputProps('description')}
          />
          <TagsInput
            label="Keywords"
            description="Help workers find the project; press Enter after each."
            maxTags={PROJECT_LIMITS.keywordsMax}
            disabled={locked('keywords')}
            {...form.getInputProps('keywords')}
          />
          <MarkdownEditor
            label="Instructions"
            description="Shown above every task. Markdown: headings, lists, **bold**, links."
            maxLength={PROJECT_LIMITS.instructionsMax}
            disabled={locked('instructions')}
            placeholder="What to do, what a good answer looks like, and what will be rejected."
            value={form.values.instructions}
            onChange={(value) => form.setFieldValue('instructions', value)}
            error={form.errors.instructions}
          />
        </Section>

        <Section
          title="Pay and time"
          description="Fixed once the project is published, so no worker’s terms change under them."
        >
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <RewardInput disabled={locked('rewardCents')} {...form.getInputProps('reward')} />
            <NumberInput
              label="Workers per task"
              description="Different workers who answer each row."
              min={1}
              max={PROJECT_LIMITS.assignmentsPerTaskMax}
              allowDecimal={false}
              required
              disabled={locked('assignmentsPerTask')}
              {...form.getInputProps('assignmentsPerTask')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <DurationField
              label="Time allotted"
              description="From accepting a task to submitting it."
              unitLabel="Unit of the time allotted"
              units={TIME_UNITS}
              disabled={locked('timeAllottedSeconds')}
              amount={form.getInputProps('timeAllotted')}
              unit={form.getInputProps('timeAllottedUnit')}
            />
            <DurationField
              label="Approve automatically after"
              description="Answers you have not reviewed by then are approved."
              unitLabel="Unit of the review period"
              units={REVIEW_UNITS}
              disabled={locked('autoApproveSeconds')}
              amount={form.getInputProps('autoApprove')}
              unit={form.getInputProps('autoApproveUnit')}
            />
          </SimpleGrid>
          <TextInput
            type="datetime-local"
            label="Expires"
            description={
              project.status === 'draft'
                ? 'No new work starts after this; unused escrow then comes back to you.'
                : 'You can move it later, not earlier.'
            }
            min={expiryMin}
            maw={320}
            disabled={locked('expiresAt')}
            {...form.getInputProps('expiresAt')}
          />
        </Section>

        <Section
          title="Who may work on it"
          description="Workers must meet every requirement to see, preview or accept these tasks."
        >
          <RequirementsEditor
            value={form.values.requirements}
            onChange={(requirements) => form.setFieldValue('requirements', requirements)}
            errors={requirementErrors}
            disabled={locked('qualificationRequirements')}
          />
          {typeof form.errors.requirements === 'string' && (
            <Text size="sm" c="red.9" role="alert">
              {form.errors.requirements}
            </Text>
          )}
          <NumberInput
            label="Early access for workers you rated up (minutes)"
            description="After publishing, only workers you rated thumbs up see the tasks for this long."
            min={0}
            max={EARLY_ACCESS_MINUTES_MAX}
            allowDecimal={false}
            maw={420}
            disabled={locked('earlyAccessMinutes')}
            {...form.getInputProps('earlyAccessMinutes')}
          />
          <Checkbox
            label="Also offer this project to workers I rated down"
            description="By default it is never offered to them."
            disabled={locked('includeRatedDown')}
            {...form.getInputProps('includeRatedDown', { type: 'checkbox' })}
          />
        </Section>

        {!closed && (
          <>
            <Divider />
            <Group justify="flex-end" gap="sm" className="settings-actions">
              <Button
                variant="default"
                onClick={form.reset}
                disabled={!form.isDirty() || update.isPending}
              >
                Discard changes
              </Button>
              <Button type="submit" loading={update.isPending}>
                Save settings
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </form>
  );
}

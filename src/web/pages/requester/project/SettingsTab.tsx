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
  Switch,
  TagsInput,
  Text,
  TextInput,
  type NumberInputProps,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import type { GetInputPropsReturnType, UseFormReturnType } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import type { Project, UpdateProjectBody } from '../../../../shared/api/projects.js';
import { EARLY_ACCESS_MINUTES_MAX, PROJECT_LIMITS } from '../../../../shared/api/projects.js';
import { QUALITY_LIMITS } from '../../../../shared/api/quality.js';
import { useCurrentUser } from '../../../api/accounts.js';
import { isApiError } from '../../../api/client.js';
import { useBalance } from '../../../api/money.js';
import { useUpdateProject } from '../../../api/projects.js';
import { useQualificationTypeOptions } from '../../../api/qualifications.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { RestoreDraftAlert } from '../../../components/RestoreDraftAlert.js';
import { UnsavedChangesGuard } from '../../../components/UnsavedChangesGuard.js';
import { draftKey } from '../../../lib/draft-storage.js';
import { sentence } from '../../../lib/forms.js';
import { useKeptDraft } from '../../../lib/use-kept-draft.js';
import { issuesByIndex } from '../lib/requirements.js';
import { localInputFromIso } from '../lib/units.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import { RequirementsEditor } from './RequirementsEditor.js';
import {
  formFieldOf,
  isLiveEditable,
  payTermsOfSettings,
  REVIEW_UNITS,
  settingsPatch,
  settingsValuesOf,
  TIME_UNITS,
  validateSettings,
  type SettingsValues,
} from './settings-form.js';
import { fieldIssuesIn, isRecord } from '../../../lib/narrow.js';
import { RewardInput } from '../RewardInput.js';
import {
  EstimatedMinutesInput,
  ProjectDescriptionInput,
  ProjectTitleInput,
  TopUpSwitch,
  WorkersPerTaskInput,
} from '../ProjectFields.js';
import { PayTermsHint } from '../PayTermsHint.js';
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

/** A whole percentage, from 0 (unless `min` says otherwise) to 100. */
function PercentInput(props: NumberInputProps) {
  return <NumberInput min={0} max={100} allowDecimal={false} suffix=" %" {...props} />;
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

/**
 * Gold (known-answer) tasks and the accuracy floor, and the work time below which review flags a
 * submission (DESIGN §9). They may change while the project runs: they guard its quality.
 */
function QualitySection({
  form,
  locked,
}: {
  form: UseFormReturnType<SettingsValues>;
  locked: (field: keyof UpdateProjectBody) => boolean;
}) {
  const disabled = locked('quality');
  return (
    <Section
      title="Quality control"
      description="Gold tasks (rows uploaded with known answers, see the Data tab) are mixed into each worker’s tasks; workers who get too many wrong stop receiving tasks."
    >
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <PercentInput
          label="Gold tasks per worker (%)"
          description="About this share of each worker’s tasks is gold, while gold lasts."
          disabled={disabled}
          {...form.getInputProps('goldPercent')}
        />
        <PercentInput
          label="Minimum gold accuracy (%)"
          description="Below this, a worker gets no more tasks here. 0 stops nobody."
          disabled={disabled}
          {...form.getInputProps('minGoldAccuracyPercent')}
        />
        <NumberInput
          label="Judge accuracy after"
          description="Gold tasks a worker must have answered before the minimum applies."
          min={0}
          max={QUALITY_LIMITS.minGoldAnsweredMax}
          allowDecimal={false}
          disabled={disabled}
          {...form.getInputProps('minGoldAnswered')}
        />
      </SimpleGrid>
      <Switch
        label="Show the explanation after a wrong gold answer"
        description="The worker sees the known answer and your explanation once they submit."
        disabled={disabled}
        {...form.getInputProps('goldFeedback', { type: 'checkbox' })}
      />
      <NumberInput
        label="Flag submissions faster than (seconds)"
        description="Review marks work handed in sooner after accepting it. 0 flags none."
        min={0}
        max={QUALITY_LIMITS.minWorkSecondsMax}
        allowDecimal={false}
        maw={320}
        disabled={locked('minWorkSeconds')}
        {...form.getInputProps('minWorkSeconds')}
      />
    </Section>
  );
}

/** Whether kept settings still look like this form's values. */
function isSettingsShape(value: unknown): value is SettingsValues {
  return (
    isRecord(value) &&
    typeof value.title === 'string' &&
    typeof value.expiresAt === 'string' &&
    Array.isArray(value.keywords) &&
    Array.isArray(value.requirements) &&
    // Kept before the quality settings were part of the form: not restorable as it is.
    typeof value.goldFeedback === 'boolean'
  );
}

/**
 * Adaptive overlap: more answers only where workers disagree. Escrow is held for the maximum and
 * what a task does not use comes back once it is settled.
 */
function OverlapFields({
  enabled,
  max,
  agreement,
  on,
  disabled,
}: {
  enabled: GetInputPropsReturnType;
  max: GetInputPropsReturnType;
  agreement: GetInputPropsReturnType;
  on: boolean;
  disabled: boolean;
}) {
  return (
    <Stack gap="xs">
      <Switch
        label="Ask more workers when answers disagree (adaptive overlap)"
        description="A row whose answers agree less than the level below gets one more worker at a time, up to the maximum. Only choice, dropdown and rating questions are compared."
        disabled={disabled}
        {...enabled}
      />
      {on && (
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <WorkersPerTaskInput
            label="At most, workers per task"
            description="Escrow is held for this many; what a row does not use comes back to you when it is settled."
            disabled={disabled}
            {...max}
          />
          <PercentInput
            label="Agreement needed"
            description="The share of a row’s answers that must equal its most common answer, on every question compared."
            min={1}
            required
            disabled={disabled}
            {...agreement}
          />
        </SimpleGrid>
      )}
    </Stack>
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
  const floorCentsPerHour = useBalance().data?.payFloorCentsPerHour ?? 0;
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
        const byForm: Record<string, string> = {};
        for (const issue of isApiError(error) ? fieldIssuesIn(error.details) : []) {
          const field = formFieldOf(issue.path);
          if (field && !(field in byForm)) byForm[field] = sentence(issue.message);
        }
        const perRequirement = isApiError(error)
          ? issuesByIndex(error.details, 'qualificationRequirements')
          : {};
        setRequirementErrors(perRequirement);
        // The floor's message names the smallest reward that meets it: show it at the reward.
        if (isApiError(error) && error.code === 'below_pay_floor') {
          form.setErrors({ reward: error.message });
        } else if (Object.keys(byForm).length > 0) form.setErrors(byForm);
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
          <ProjectTitleInput disabled={locked('title')} {...form.getInputProps('title')} />
          <ProjectDescriptionInput
            label="Description"
            description="One or two sentences. Markdown is allowed."
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
            <WorkersPerTaskInput
              label={form.values.overlapEnabled ? 'Workers per task at first' : 'Workers per task'}
              description={
                form.values.overlapEnabled
                  ? 'Every row gets this many answers before agreement is checked.'
                  : 'Different workers who answer each row.'
              }
              disabled={locked('assignmentsPerTask')}
              {...form.getInputProps('assignmentsPerTask')}
            />
          </SimpleGrid>
          <OverlapFields
            enabled={form.getInputProps('overlapEnabled', { type: 'checkbox' })}
            max={form.getInputProps('overlapMax')}
            agreement={form.getInputProps('overlapAgreement')}
            on={form.values.overlapEnabled}
            disabled={locked('overlap')}
          />
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
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <EstimatedMinutesInput
              description="How long one task takes a careful worker. Shown to workers as an estimate until real times are measured; the platform’s pay floor is checked against it."
              disabled={locked('estimatedSeconds')}
              {...form.getInputProps('estimatedMinutes')}
            />
            <TopUpSwitch
              description="Workers whose measured time paid below the platform’s hourly floor get a top-up (at most the reward) from your funds when approved. Its worst case is held in escrow at publish; the unused part comes back."
              disabled={locked('topUpToFloor')}
              {...form.getInputProps('topUpToFloor', { type: 'checkbox' })}
            />
          </SimpleGrid>
          <PayTermsHint
            check={payTermsOfSettings(form.values, floorCentsPerHour)}
            floorCentsPerHour={floorCentsPerHour}
          />
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

        <QualitySection form={form} locked={(field) => locked(field)} />

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

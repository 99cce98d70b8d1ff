import type { Project, UpdateProjectBody } from '../../../../shared/api/projects.js';
import {
  EARLY_ACCESS_MINUTES_MAX,
  LIVE_EDITABLE_FIELDS,
  PROJECT_LIMITS,
} from '../../../../shared/api/projects.js';
import type { QualificationValueKind } from '../../../../shared/api/qualifications.js';
import { canonicalJson } from '../../../components/designer/designer-model.js';
import { draftOfRequirement, requirementOf, type RequirementDraft } from '../lib/requirements.js';
import {
  centsFromDollars,
  dollarsFromCents,
  durationParts,
  isoFromLocalInput,
  localInputFromIso,
  secondsFrom,
  type DurationUnit,
} from '../lib/units.js';
import { isOneOf } from '../../../lib/narrow.js';

/** The settings as the form holds them: money in dollars, durations in a chosen unit. */
export type SettingsValues = {
  title: string;
  description: string;
  keywords: string[];
  instructions: string;
  reward: string | number;
  assignmentsPerTask: string | number;
  timeAllotted: string | number;
  timeAllottedUnit: DurationUnit;
  autoApprove: string | number;
  autoApproveUnit: DurationUnit;
  expiresAt: string;
  requirements: RequirementDraft[];
  earlyAccessMinutes: string | number;
  includeRatedDown: boolean;
};

export const TIME_UNITS: DurationUnit[] = ['minutes', 'hours', 'days'];
export const REVIEW_UNITS: DurationUnit[] = ['hours', 'days'];

export function settingsValuesOf(project: Project): SettingsValues {
  const time = durationParts(project.timeAllottedSeconds, TIME_UNITS);
  const review = durationParts(project.autoApproveSeconds, REVIEW_UNITS);
  return {
    title: project.title,
    description: project.description,
    keywords: project.keywords,
    instructions: project.instructions,
    reward: dollarsFromCents(project.rewardCents),
    assignmentsPerTask: project.assignmentsPerTask,
    timeAllotted: time.value,
    timeAllottedUnit: time.unit,
    autoApprove: review.value,
    autoApproveUnit: review.unit,
    expiresAt: localInputFromIso(project.expiresAt),
    requirements: project.qualificationRequirements.map(draftOfRequirement),
    earlyAccessMinutes: project.earlyAccessMinutes,
    includeRatedDown: project.includeRatedDown,
  };
}

const plural = (n: number, unit: string) => `${n} ${n === 1 ? unit : `${unit}s`}`;

/** Form-level checks, in the words of the form (dollars, minutes), before anything is sent. */
export function validateSettings(values: SettingsValues): Record<string, string> {
  const P = PROJECT_LIMITS;
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = 'The title must not be empty.';
  const cents = centsFromDollars(values.reward);
  if (cents === null) errors.reward = 'Enter an amount in dollars, e.g. 0.25.';
  else if (cents < 1 || cents > P.rewardCentsMax)
    errors.reward = `Enter between $0.01 and $${P.rewardCentsMax / 100}.`;
  if (typeof values.assignmentsPerTask !== 'number')
    errors.assignmentsPerTask = 'Enter how many workers should do each task.';
  if (typeof values.timeAllotted !== 'number') {
    errors.timeAllotted = 'Enter how long a worker has for one task.';
  } else {
    const seconds = secondsFrom(values.timeAllotted, values.timeAllottedUnit);
    if (seconds < P.timeAllottedSecondsMin || seconds > P.timeAllottedSecondsMax)
      errors.timeAllotted = `Allow between ${P.timeAllottedSecondsMin} seconds and ${plural(P.timeAllottedSecondsMax / 86_400, 'day')}.`;
  }
  if (typeof values.autoApprove !== 'number') {
    errors.autoApprove = 'Enter how long you have to review an answer.';
  } else {
    const seconds = secondsFrom(values.autoApprove, values.autoApproveUnit);
    if (seconds < 0 || seconds > P.autoApproveSecondsMax)
      errors.autoApprove = `Choose at most ${plural(P.autoApproveSecondsMax / 86_400, 'day')}.`;
  }
  if (isoFromLocalInput(values.expiresAt) === null) errors.expiresAt = 'Choose a date and time.';
  const early = values.earlyAccessMinutes;
  if (typeof early !== 'number' || early < 0 || early > EARLY_ACCESS_MINUTES_MAX)
    errors.earlyAccessMinutes = `Enter 0 to ${EARLY_ACCESS_MINUTES_MAX} minutes.`;
  return errors;
}

/**
 * Only what changed, so a published project is never sent a field it may not change. Values are
 * assumed valid (see validateSettings); `kindOf` tells each requirement's type's value kind.
 */
export function settingsPatch(
  project: Project,
  values: SettingsValues,
  kindOf: (typeId: string) => QualificationValueKind,
): UpdateProjectBody {
  const next: UpdateProjectBody = {
    title: values.title.trim(),
    description: values.description.trim(),
    keywords: values.keywords.map((k) => k.trim()).filter(Boolean),
    instructions: values.instructions,
    rewardCents: centsFromDollars(values.reward) ?? project.rewardCents,
    assignmentsPerTask: Number(values.assignmentsPerTask),
    timeAllottedSeconds: secondsFrom(Number(values.timeAllotted), values.timeAllottedUnit),
    autoApproveSeconds: secondsFrom(Number(values.autoApprove), values.autoApproveUnit),
    // The input shows minutes: unchanged minutes keep the stored instant, seconds and all.
    expiresAt:
      values.expiresAt === localInputFromIso(project.expiresAt)
        ? project.expiresAt
        : (isoFromLocalInput(values.expiresAt) ?? project.expiresAt),
    qualificationRequirements: values.requirements.map((r) =>
      requirementOf(r, kindOf(r.qualificationTypeId)),
    ),
    earlyAccessMinutes: Number(values.earlyAccessMinutes),
    includeRatedDown: values.includeRatedDown,
  };
  const stored = new Map<string, unknown>(Object.entries(project));
  const patch: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(next)) {
    const current = stored.get(field);
    if (canonicalJson(value) !== canonicalJson(current)) patch[field] = value;
  }
  return patch;
}

/** Whether a field may change in the project's current status. */
export function isLiveEditable(project: Project, field: keyof UpdateProjectBody): boolean {
  return project.status === 'draft' || isOneOf(LIVE_EDITABLE_FIELDS, field);
}

/** The form's field for each API field, so server messages land beside the right input. */
const FORM_FIELD_OF = new Map<string, keyof SettingsValues>([
  ['rewardCents', 'reward'],
  ['timeAllottedSeconds', 'timeAllotted'],
  ['autoApproveSeconds', 'autoApprove'],
  ['qualificationRequirements', 'requirements'],
] satisfies [keyof UpdateProjectBody, keyof SettingsValues][]);

/** The form field beside which the server's message about an API field belongs. */
export function formFieldOf(apiField: string): string {
  return FORM_FIELD_OF.get(apiField) ?? apiField;
}

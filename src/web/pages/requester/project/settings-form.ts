import type { Project, UpdateProjectBody } from '../../../../shared/api/projects.js';
import {
  EARLY_ACCESS_MINUTES_MAX,
  EDITABLE_PROJECT_FIELDS,
  type EditableProjectField,
  LIVE_EDITABLE_FIELDS,
  PROJECT_LIMITS,
} from '../../../../shared/api/projects.js';
import { QUALITY_LIMITS } from '../../../../shared/api/quality.js';
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
import { checkPayTerms } from '../lib/pay-terms.js';

/**
 * The settings this form holds in a form of its own — trimmed, in dollars, in a chosen unit, split
 * into several inputs — each with its lines below; `template` is the designer's, not this form's.
 */
const OWN_HANDLING = [
  'title',
  'description',
  'keywords',
  'rewardCents',
  'assignmentsPerTask',
  'overlap',
  'timeAllottedSeconds',
  'autoApproveSeconds',
  'expiresAt',
  'template',
  'qualificationRequirements',
  'quality',
  'minWorkSeconds',
  'estimatedSeconds',
  'earlyAccessMinutes',
] as const satisfies readonly EditableProjectField[];
type PlainSetting = Exclude<EditableProjectField, (typeof OWN_HANDLING)[number]>;

function isPlainSetting(field: EditableProjectField): field is PlainSetting {
  return !OWN_HANDLING.some((own) => own === field);
}

/**
 * Every other setting the form holds exactly as the API does, copied both ways by name: a new
 * setting of that kind needs only its input in SettingsTab.
 */
export const PLAIN_SETTINGS = EDITABLE_PROJECT_FIELDS.filter(isPlainSetting);
type PlainSettings = Pick<Project, PlainSetting>;

function plainSettingsOf(source: PlainSettings): PlainSettings {
  // Built from the list above, which is what the type picks.
  return Object.fromEntries(PLAIN_SETTINGS.map((name) => [name, source[name]])) as PlainSettings;
}

/** The settings as the form holds them: money in dollars, durations in a chosen unit. */
export type SettingsValues = PlainSettings & {
  title: string;
  description: string;
  keywords: string[];
  reward: string | number;
  /** With adaptive overlap: how many answer each task at first (its `min`). */
  assignmentsPerTask: string | number;
  /** Adaptive overlap: more answers while they disagree, up to `overlapMax`. */
  overlapEnabled: boolean;
  overlapMax: string | number;
  overlapAgreement: string | number;
  timeAllotted: string | number;
  timeAllottedUnit: DurationUnit;
  autoApprove: string | number;
  autoApproveUnit: DurationUnit;
  expiresAt: string;
  requirements: RequirementDraft[];
  /** Quality control (DESIGN §9): the project's `quality` settings and `minWorkSeconds`. */
  goldPercent: string | number;
  minGoldAccuracyPercent: string | number;
  minGoldAnswered: string | number;
  goldFeedback: boolean;
  minWorkSeconds: string | number;
  /** The requester's estimate of one task's work, in minutes; '' for none. */
  estimatedMinutes: string | number;
  earlyAccessMinutes: string | number;
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
    ...plainSettingsOf(project),
    reward: dollarsFromCents(project.rewardCents),
    assignmentsPerTask: project.assignmentsPerTask,
    overlapEnabled: project.overlap !== null,
    overlapMax:
      project.overlap?.max ??
      Math.min(project.assignmentsPerTask + 2, PROJECT_LIMITS.assignmentsPerTaskMax),
    overlapAgreement: project.overlap?.agreementPercent ?? 70,
    timeAllotted: time.value,
    timeAllottedUnit: time.unit,
    autoApprove: review.value,
    autoApproveUnit: review.unit,
    expiresAt: localInputFromIso(project.expiresAt),
    requirements: project.qualificationRequirements.map(draftOfRequirement),
    ...project.quality,
    minWorkSeconds: project.minWorkSeconds,
    estimatedMinutes: project.estimatedSeconds === null ? '' : project.estimatedSeconds / 60,
    earlyAccessMinutes: project.earlyAccessMinutes,
  };
}

/** A whole number from `min` to `max` typed into a number input, or why it is not one. */
function wholeNumberProblem(value: string | number, min: number, max: number, what: string) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    return `Enter ${what}: a whole number from ${min.toLocaleString('en')} to ${max.toLocaleString('en')}.`;
  }
  return undefined;
}

/** The quality fields' problems, by field: percentages 0–100, counts and seconds not negative. */
function qualityProblems(values: SettingsValues): Record<string, string> {
  const checks: [keyof SettingsValues, string | undefined][] = [
    ['goldPercent', wholeNumberProblem(values.goldPercent, 0, 100, 'a percentage')],
    [
      'minGoldAccuracyPercent',
      wholeNumberProblem(values.minGoldAccuracyPercent, 0, 100, 'a percentage'),
    ],
    [
      'minGoldAnswered',
      wholeNumberProblem(
        values.minGoldAnswered,
        0,
        QUALITY_LIMITS.minGoldAnsweredMax,
        'a number of tasks',
      ),
    ],
    [
      'minWorkSeconds',
      wholeNumberProblem(
        values.minWorkSeconds,
        0,
        QUALITY_LIMITS.minWorkSecondsMax,
        'a number of seconds',
      ),
    ],
  ];
  const problems: Record<string, string> = {};
  for (const [field, problem] of checks) if (problem) problems[field] = problem;
  return problems;
}

/** Adaptive overlap's own checks: at most as many workers as the platform allows, max ≥ min. */
function overlapErrors(values: SettingsValues): Record<string, string> {
  const P = PROJECT_LIMITS;
  const errors: Record<string, string> = {};
  const max = values.overlapMax;
  if (typeof max !== 'number' || max < 1 || max > P.assignmentsPerTaskMax)
    errors.overlapMax = `Enter at most how many workers may answer a task, up to ${P.assignmentsPerTaskMax}.`;
  else if (typeof values.assignmentsPerTask === 'number' && max < values.assignmentsPerTask)
    errors.overlapMax = `Must be at least the workers per task at first (${values.assignmentsPerTask}).`;
  const agreement = values.overlapAgreement;
  if (typeof agreement !== 'number' || agreement < 1 || agreement > 100)
    errors.overlapAgreement = 'Enter a percentage from 1 to 100.';
  return errors;
}

/** What the form's reward pays an hour, against the floor (null while a figure is missing). */
export function payTermsOfSettings(values: SettingsValues, floorCentsPerHour: number) {
  return checkPayTerms({
    rewardCents: centsFromDollars(values.reward),
    estimatedSeconds: estimatedSecondsOf(values),
    timeAllottedSeconds:
      typeof values.timeAllotted === 'number'
        ? secondsFrom(values.timeAllotted, values.timeAllottedUnit)
        : null,
    floorCentsPerHour,
  });
}

/** The estimate in whole seconds, or null when none is given. */
export function estimatedSecondsOf(values: Pick<SettingsValues, 'estimatedMinutes'>) {
  return typeof values.estimatedMinutes === 'number'
    ? Math.round(values.estimatedMinutes * 60)
    : null;
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
  if (values.overlapEnabled) Object.assign(errors, overlapErrors(values));
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
  const estimate = estimatedSecondsOf(values);
  if (estimate !== null) {
    if (estimate < P.estimatedSecondsMin) {
      errors.estimatedMinutes = `Estimate at least ${P.estimatedSecondsMin} seconds.`;
    } else if (
      typeof values.timeAllotted === 'number' &&
      estimate > secondsFrom(values.timeAllotted, values.timeAllottedUnit)
    ) {
      errors.estimatedMinutes = 'The estimate cannot be longer than the time allotted.';
    }
  }
  const early = values.earlyAccessMinutes;
  if (typeof early !== 'number' || early < 0 || early > EARLY_ACCESS_MINUTES_MAX)
    errors.earlyAccessMinutes = `Enter 0 to ${EARLY_ACCESS_MINUTES_MAX} minutes.`;
  return { ...errors, ...qualityProblems(values) };
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
    ...plainSettingsOf(values),
    rewardCents: centsFromDollars(values.reward) ?? project.rewardCents,
    ...(values.overlapEnabled
      ? {
          overlap: {
            min: Number(values.assignmentsPerTask),
            max: Number(values.overlapMax),
            agreementPercent: Number(values.overlapAgreement),
          },
        }
      : { assignmentsPerTask: Number(values.assignmentsPerTask), overlap: null }),
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
    quality: {
      goldPercent: Number(values.goldPercent),
      minGoldAccuracyPercent: Number(values.minGoldAccuracyPercent),
      minGoldAnswered: Number(values.minGoldAnswered),
      goldFeedback: values.goldFeedback,
    },
    minWorkSeconds: Number(values.minWorkSeconds),
    // An estimate once given can be changed, not withdrawn: the floor is judged by it.
    estimatedSeconds: estimatedSecondsOf(values) ?? project.estimatedSeconds ?? undefined,
    earlyAccessMinutes: Number(values.earlyAccessMinutes),
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
  // A problem with the whole overlap object (both kinds sent) shows by its maximum.
  ['overlap', 'overlapMax'],
  ['estimatedSeconds', 'estimatedMinutes'],
] satisfies [keyof UpdateProjectBody, keyof SettingsValues][]);

/** Adaptive overlap's fields in the form: `min` is the workers per task at first. */
const OVERLAP_FIELD_OF = new Map<string, keyof SettingsValues>([
  ['min', 'assignmentsPerTask'],
  ['max', 'overlapMax'],
  ['agreementPercent', 'overlapAgreement'],
]);

/**
 * The form field beside which the server's message about a field belongs, from the issue's path
 * (`body.rewardCents`, or `body.quality.goldPercent`: quality settings are flat in the form).
 */
export function formFieldOf(path: string): string {
  const [, field = '', nested] = path.split('.');
  if (field === 'quality' && nested) return nested;
  if (field === 'overlap' && nested) return OVERLAP_FIELD_OF.get(nested) ?? 'overlapMax';
  return FORM_FIELD_OF.get(field) ?? field;
}

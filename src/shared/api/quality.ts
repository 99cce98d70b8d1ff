import { z } from 'zod';
import { GOLD_EXPLANATION_COLUMN, GOLD_LIST_SEPARATOR, GOLD_PREFIX } from '../templates/gold.js';

/** Limits of a project's quality settings (DESIGN §9). */
export const QUALITY_LIMITS = {
  minGoldAnsweredMax: 1_000,
  minWorkSecondsMax: 7 * 24 * 3600,
  explanationMax: 5_000,
} as const;

const percent = z
  .number({ message: 'must be a whole number from 0 to 100' })
  .int('must be a whole number from 0 to 100')
  .min(0, 'must be between 0 and 100')
  .max(100, 'must be between 0 and 100');

/**
 * Gold mixing and the accuracy floor: gold is given to each worker at about `goldPercent` of their
 * tasks; after `minGoldAnswered` gold answers with accuracy below `minGoldAccuracyPercent` the
 * project stops giving them tasks; `goldFeedback` shows the explanation after a wrong gold answer.
 */
export const qualitySettingsSchema = z.strictObject({
  goldPercent: percent,
  minGoldAccuracyPercent: percent,
  minGoldAnswered: z
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(0, 'must not be negative')
    .max(QUALITY_LIMITS.minGoldAnsweredMax, `must be at most ${QUALITY_LIMITS.minGoldAnsweredMax}`),
  goldFeedback: z.boolean(),
});
export type QualitySettings = z.infer<typeof qualitySettingsSchema>;

export const QUALITY_DEFAULTS: QualitySettings = {
  goldPercent: 0,
  minGoldAccuracyPercent: 0,
  minGoldAnswered: 0,
  goldFeedback: false,
};

/** Submissions faster than this (accept → submit) are flagged in review; 0 flags none. */
export const minWorkSecondsSchema = z
  .number({ message: 'must be a whole number of seconds' })
  .int('must be a whole number of seconds')
  .min(0, 'must not be negative')
  .max(QUALITY_LIMITS.minWorkSecondsMax, `must be at most ${QUALITY_LIMITS.minWorkSecondsMax}`);

/** One known answer: an option value, a list of them, a number or text, as a worker would send. */
export const goldAnswerSchema = z.union([
  z.string().max(10_000),
  z.number(),
  z.array(z.string().max(1_000)).max(100),
]);

/** A batch row's known answers (`gold` beside `data` in a JSON row). */
export const goldInputSchema = z.strictObject({
  answers: z.record(z.string().min(1).max(128), goldAnswerSchema),
  explanation: z.string().max(QUALITY_LIMITS.explanationMax).nullable().optional(),
});
export type GoldInput = z.infer<typeof goldInputSchema>;

/** A gold task as its requester sees it in the Data tab. */
export const taskGoldSchema = z.object({
  taskId: z.string(),
  answers: z.record(z.string(), z.unknown()),
  explanation: z.string().nullable(),
});
export type TaskGold = z.infer<typeof taskGoldSchema>;

/** What a worker learns after submitting a gold task wrongly, when the project gives feedback. */
export const goldFeedbackSchema = z.object({
  correct: z.literal(false),
  explanation: z.string().nullable(),
  expected: z.record(z.string(), z.unknown()),
});
export type GoldFeedback = z.infer<typeof goldFeedbackSchema>;

const goldRowSchema = z.strictObject({
  data: z.record(z.string(), z.unknown()),
  gold: goldInputSchema.optional(),
});

/**
 * A JSON row written as `{ data, gold }` as the flat cells a CSV would hold: the data's cells and
 * one `Gold.<item>` cell per known answer (a list joined with `|`). Anything else is left as it
 * is, for the row schema to judge.
 */
export function flattenGoldRow(row: unknown): unknown {
  const parsed = goldRowSchema.safeParse(row);
  if (!parsed.success) return row;
  const { data, gold } = parsed.data;
  const cells: Record<string, unknown> = { ...data };
  for (const [item, value] of Object.entries(gold?.answers ?? {})) {
    cells[`${GOLD_PREFIX}${item}`] = Array.isArray(value)
      ? value.join(GOLD_LIST_SEPARATOR)
      : String(value);
  }
  if (gold?.explanation) cells[GOLD_EXPLANATION_COLUMN] = gold.explanation;
  return cells;
}

import { z } from 'zod';
import {
  COMPARATORS,
  SYSTEM_QUALIFICATION_IDS,
  type QualificationRequirement,
} from '../../../shared/api/qualifications.js';
import { requestError } from './mturk-errors.js';

/** MTurk's system qualification ids, as aliases of Tessera's system qualifications. */
const MTURK_SYSTEM_IDS: Record<string, string> = {
  '000000000000000000L0': SYSTEM_QUALIFICATION_IDS.approvalRate,
  '00000000000000000040': SYSTEM_QUALIFICATION_IDS.approvedCount,
  '00000000000000000071': SYSTEM_QUALIFICATION_IDS.country,
};
const TESSERA_TO_MTURK = Object.fromEntries(
  Object.entries(MTURK_SYSTEM_IDS).map(([mturk, tessera]) => [tessera, mturk]),
);

/** A QualificationTypeId as Tessera names it: MTurk's system ids become Tessera's. */
export function tesseraTypeId(mturkId: string): string {
  return MTURK_SYSTEM_IDS[mturkId] ?? mturkId;
}

/** A Tessera type id as MTurk names it: system types by MTurk's ids. */
export function mturkTypeId(tesseraId: string): string {
  return TESSERA_TO_MTURK[tesseraId] ?? tesseraId;
}

/** MTurk's QualificationRequirement, as its API names the fields. */
export const mturkRequirementSchema = z.strictObject({
  QualificationTypeId: z.string().min(1).max(64),
  Comparator: z.enum(COMPARATORS),
  IntegerValues: z.array(z.number().int()).max(15).optional(),
  LocaleValues: z
    .array(
      z.strictObject({
        Country: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter ISO 3166 country code'),
        Subdivision: z.string().max(3).optional(),
      }),
    )
    .max(30)
    .optional(),
  RequiredToPreview: z.boolean().optional(),
  ActionsGuarded: z.enum(['Accept', 'PreviewAndAccept', 'DiscoverPreviewAndAccept']).optional(),
});
export type MturkRequirement = z.infer<typeof mturkRequirementSchema>;

/**
 * An MTurk requirement as Tessera's. Tessera always guards discovery, preview and accept alike
 * (MTurk's DiscoverPreviewAndAccept), so RequiredToPreview and ActionsGuarded are accepted and
 * the requirement is enforced everywhere; subdivisions of a country are not known to Tessera.
 */
export function toTesseraRequirement(requirement: MturkRequirement): QualificationRequirement {
  const id = requirement.QualificationTypeId;
  if (requirement.LocaleValues?.some((locale) => locale.Subdivision !== undefined)) {
    throw requestError(
      'LocaleValues.Subdivision is not supported on this server: name countries only.',
      'AWS.MechanicalTurk.InvalidParameterValue',
    );
  }
  return {
    qualificationTypeId: tesseraTypeId(id),
    comparator: requirement.Comparator,
    ...(requirement.IntegerValues && { integerValues: requirement.IntegerValues }),
    ...(requirement.LocaleValues && {
      localeValues: requirement.LocaleValues.map((locale) => locale.Country),
    }),
  };
}

export function toMturkRequirement(requirement: QualificationRequirement) {
  return {
    QualificationTypeId: mturkTypeId(requirement.qualificationTypeId),
    Comparator: requirement.comparator,
    ...(requirement.integerValues && { IntegerValues: requirement.integerValues }),
    ...(requirement.localeValues && {
      LocaleValues: requirement.localeValues.map((country) => ({ Country: country })),
    }),
    RequiredToPreview: true,
    ActionsGuarded: 'DiscoverPreviewAndAccept' as const,
  };
}

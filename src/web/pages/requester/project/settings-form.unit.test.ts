import { describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/api/projects.js';
import { SYSTEM_QUALIFICATION_IDS } from '../../../../shared/api/qualifications.js';
import { draftOfRequirement } from '../lib/requirements.js';
import { formFieldOf, settingsPatch, settingsValuesOf, validateSettings } from './settings-form.js';

const project: Project = {
  id: '11111111-1111-4111-8111-111111111111',
  ownerId: '22222222-2222-4222-8222-222222222222',
  title: 'Label reviews',
  description: 'Short ones.',
  keywords: ['reviews'],
  instructions: 'Read **carefully**.',
  status: 'draft',
  rewardCents: 25,
  assignmentsPerTask: 3,
  overlap: null,
  timeAllottedSeconds: 5400,
  autoApproveSeconds: 3 * 86_400,
  expiresAt: '2027-01-31T12:34:56.789Z',
  template: { kind: 'form', items: [] },
  qualificationRequirements: [
    {
      qualificationTypeId: SYSTEM_QUALIFICATION_IDS.approvalRate,
      comparator: 'GreaterThanOrEqualTo',
      integerValues: [95],
    },
  ],
  quality: { goldPercent: 0, minGoldAccuracyPercent: 0, minGoldAnswered: 0, goldFeedback: false },
  minWorkSeconds: 0,
  progress: {
    tasks: 0,
    assignmentsSubmitted: 0,
    assignmentsApproved: 0,
    assignmentsOutstanding: 0,
    overlap: null,
  },
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  publishedAt: null,
  cancelledAt: null,
};
const integer = () => 'integer' as const;

describe('settings form', () => {
  it('shows the project in form units', () => {
    const values = settingsValuesOf(project);
    expect(values.reward).toBe('0.25');
    expect(values).toMatchObject({
      timeAllotted: 90,
      timeAllottedUnit: 'minutes',
      autoApprove: 3,
      autoApproveUnit: 'days',
    });
    expect(validateSettings(values)).toEqual({});
  });

  it('sends nothing when nothing changed, even the expiry shown only to the minute', () => {
    expect(settingsPatch(project, settingsValuesOf(project), integer)).toEqual({});
  });

  it('sends only the changed fields, in API units', () => {
    const values = {
      ...settingsValuesOf(project),
      title: ' Label movie reviews ',
      reward: '1.50',
      timeAllotted: 2,
      timeAllottedUnit: 'hours' as const,
      requirements: [],
    };
    expect(settingsPatch(project, values, integer)).toEqual({
      title: 'Label movie reviews',
      rewardCents: 150,
      timeAllottedSeconds: 7200,
      qualificationRequirements: [],
    });
  });

  it('keeps requirements equal when rebuilt from the same values', () => {
    const values = settingsValuesOf(project);
    values.requirements = project.qualificationRequirements.map(draftOfRequirement);
    expect(settingsPatch(project, values, integer)).toEqual({});
  });

  it('names each field that is out of range', () => {
    const errors = validateSettings({
      ...settingsValuesOf(project),
      title: '  ',
      reward: '0',
      assignmentsPerTask: '',
      timeAllotted: 10,
      timeAllottedUnit: 'days',
      autoApprove: 31,
      autoApproveUnit: 'days',
      expiresAt: '',
    });
    expect(Object.keys(errors).sort()).toEqual(
      ['assignmentsPerTask', 'autoApprove', 'expiresAt', 'reward', 'timeAllotted', 'title'].sort(),
    );
  });

  it('turns adaptive overlap on with min from workers per task, and off again', () => {
    const on = {
      ...settingsValuesOf(project),
      overlapEnabled: true,
      overlapMax: 5,
      overlapAgreement: 80,
    };
    expect(validateSettings(on)).toEqual({});
    expect(settingsPatch(project, on, integer)).toEqual({
      overlap: { min: 3, max: 5, agreementPercent: 80 },
    });
    const adaptive = { ...project, overlap: { min: 3, max: 5, agreementPercent: 80 } };
    expect(settingsValuesOf(adaptive)).toMatchObject({
      overlapEnabled: true,
      overlapMax: 5,
      overlapAgreement: 80,
    });
    expect(settingsPatch(adaptive, settingsValuesOf(adaptive), integer)).toEqual({});
    const off = { ...settingsValuesOf(adaptive), overlapEnabled: false, assignmentsPerTask: 4 };
    expect(settingsPatch(adaptive, off, integer)).toEqual({ assignmentsPerTask: 4, overlap: null });
  });

  it('refuses a maximum below the workers per task and an agreement outside 1–100', () => {
    const values = { ...settingsValuesOf(project), overlapEnabled: true };
    expect(validateSettings({ ...values, overlapMax: 2, overlapAgreement: 0 })).toEqual({
      overlapMax: 'Must be at least the workers per task at first (3).',
      overlapAgreement: 'Enter a percentage from 1 to 100.',
    });
    expect(Object.keys(validateSettings({ ...values, overlapMax: 101 }))).toEqual(['overlapMax']);
    // Switched off, its fields are not checked.
    expect(validateSettings({ ...values, overlapEnabled: false, overlapMax: 0 })).toEqual({});
  });

  it('puts the server’s overlap messages beside the overlap inputs', () => {
    expect(formFieldOf('overlap')).toBe('overlapMax');
  });
});

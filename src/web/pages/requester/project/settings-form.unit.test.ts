import { describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/api/projects.js';
import { SYSTEM_QUALIFICATION_IDS } from '../../../../shared/api/qualifications.js';
import { draftOfRequirement } from '../lib/requirements.js';
import {
  formFieldOf,
  PLAIN_SETTINGS,
  settingsPatch,
  settingsValuesOf,
  validateSettings,
} from './settings-form.js';

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
  estimatedSeconds: null,
  topUpToFloor: false,
  payFloorCents: 0,
  topUpReserveCents: 0,
  hourlyPay: { cents: null, basis: null, basedOn: 0 },
  earlyAccessMinutes: 0,
  includeRatedDown: false,
  progress: {
    tasks: 0,
    assignmentsSubmitted: 0,
    assignmentsApproved: 0,
    assignmentsOutstanding: 0,
    overlap: null,
  },
  pilot: null,
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

  it('holds as the API does every setting it has no lines of its own for', () => {
    expect(PLAIN_SETTINGS).toEqual(['instructions', 'topUpToFloor', 'includeRatedDown']);
  });

  it('copies the settings held as the API holds them both ways, and sends them when changed', () => {
    const values = settingsValuesOf(project);
    expect(values).toMatchObject({
      instructions: project.instructions,
      topUpToFloor: project.topUpToFloor,
      includeRatedDown: project.includeRatedDown,
    });
    const changed = {
      instructions: `${project.instructions} Read twice.`,
      topUpToFloor: !project.topUpToFloor,
      includeRatedDown: !project.includeRatedDown,
    };
    expect(settingsPatch(project, { ...values, ...changed }, integer)).toEqual(changed);
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

  it('sends the quality settings as one object, and flags percentages outside 0–100', () => {
    const values = {
      ...settingsValuesOf(project),
      goldPercent: 10,
      minGoldAccuracyPercent: 70,
      minGoldAnswered: 5,
      goldFeedback: true,
      minWorkSeconds: 30,
    };
    expect(validateSettings(values)).toEqual({});
    expect(settingsPatch(project, values, integer)).toEqual({
      quality: {
        goldPercent: 10,
        minGoldAccuracyPercent: 70,
        minGoldAnswered: 5,
        goldFeedback: true,
      },
      minWorkSeconds: 30,
    });
    const errors = validateSettings({
      ...values,
      goldPercent: 101,
      minGoldAccuracyPercent: -1,
      minGoldAnswered: 2.5,
      minWorkSeconds: '',
    });
    expect(errors).toEqual({
      goldPercent: 'Enter a percentage: a whole number from 0 to 100.',
      minGoldAccuracyPercent: 'Enter a percentage: a whole number from 0 to 100.',
      minGoldAnswered: 'Enter a number of tasks: a whole number from 0 to 1,000.',
      minWorkSeconds: 'Enter a number of seconds: a whole number from 0 to 604,800.',
    });
  });

  it('puts a server message about a quality setting beside its own input', () => {
    expect(formFieldOf('body.quality.minGoldAccuracyPercent')).toBe('minGoldAccuracyPercent');
    expect(formFieldOf('body.rewardCents')).toBe('reward');
    expect(formFieldOf('body.qualificationRequirements.0.value')).toBe('requirements');
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
    expect(formFieldOf('body.overlap')).toBe('overlapMax');
    expect(formFieldOf('body.overlap.max')).toBe('overlapMax');
    expect(formFieldOf('body.overlap.min')).toBe('assignmentsPerTask');
    expect(formFieldOf('body.overlap.agreementPercent')).toBe('overlapAgreement');
  });
});

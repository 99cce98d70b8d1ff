import { describe, expect, it } from 'vitest';
import type { Project } from '../../../../shared/api/projects.js';
import { SYSTEM_QUALIFICATION_IDS } from '../../../../shared/api/qualifications.js';
import { draftOfRequirement } from '../lib/requirements.js';
import { settingsPatch, settingsValuesOf, validateSettings } from './settings-form.js';

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
  earlyAccessMinutes: 0,
  includeRatedDown: false,
  progress: {
    tasks: 0,
    assignmentsSubmitted: 0,
    assignmentsApproved: 0,
    assignmentsOutstanding: 0,
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
});

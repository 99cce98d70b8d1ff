import { describe, expect, it } from 'vitest';
import { SYSTEM_QUALIFICATION_IDS } from '../../../shared/api/qualifications.js';
import { notQualifiedDetailsSchema } from '../../../shared/api/work.js';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { decidedWork } from '../../../../test/helpers/decided-work.js';
import { publishedProject } from '../../../../test/helpers/work.js';

// The default configuration: the approval rate counts from 100 decided assignments.
const ctx = await createTestApp();
const { app } = ctx;

const AT_LEAST_95 = {
  qualificationTypeId: 'system.approval_rate',
  comparator: 'GreaterThanOrEqualTo',
  integerValues: [95],
};

async function rateProject(marker: string) {
  return publishedProject(app, {
    project: { title: `${marker} careful work`, qualificationRequirements: [AT_LEAST_95] },
  });
}

const listed = async (client: Client, marker: string) =>
  (await client.get(`/api/v1/feed?q=${marker}`)).json<{ items: unknown[] }>().items.length;

describe('the approval rate of a new worker', () => {
  it('counts as 100 % below 100 decided tasks: one rejection in five does not lock them out', async () => {
    const marker = `newcomer${Date.now()}`;
    const w = await signUp(app, { roles: ['worker'] });
    await decidedWork(app, w, { approved: 4, rejected: 1 });
    const { projectId } = await rateProject(marker);

    expect(await listed(w.client, marker)).toBe(1);
    expect((await w.client.get(`/api/v1/feed/${projectId}`)).statusCode).toBe(200);
    expect((await w.client.post(`/api/v1/projects/${projectId}/assignments`)).statusCode).toBe(201);
  });

  it('counts from 100 decided tasks, and a refusal says which requirement, the worker’s value and how to meet it', async () => {
    const marker = `seasoned${Date.now()}`;
    const w = await signUp(app, { roles: ['worker'] });
    await decidedWork(app, w, { approved: 80, rejected: 20 });
    const { projectId } = await rateProject(marker);

    expect(await listed(w.client, marker)).toBe(0);
    const expected = {
      unmet: [
        {
          index: 0,
          requirement: {
            qualificationTypeId: SYSTEM_QUALIFICATION_IDS.approvalRate,
            name: 'Approval rate',
            comparator: 'GreaterThanOrEqualTo',
            integerValues: [95],
          },
          workerValue: 80,
          hint: 'Approval rate must be at least 95 %. Yours: 80 % (80 of 100 decided tasks approved). It rises as more of your work is approved.',
          testAvailable: false,
          requestable: false,
        },
      ],
    };
    for (const refused of [
      await w.client.get(`/api/v1/feed/${projectId}`),
      await w.client.post(`/api/v1/projects/${projectId}/assignments`),
    ]) {
      expect(refused.statusCode).toBe(403);
      const { error } = refused.json<{
        error: { code: string; message: string; details: unknown };
      }>();
      expect(error.code).toBe('not_qualified');
      expect(notQualifiedDetailsSchema.parse(error.details)).toEqual(expected);
      expect(error.message).toContain('Yours: 80 %');
    }
  });

  it('names a requester’s qualification the worker does not hold', async () => {
    const requester = await signUp(app, { roles: ['requester'] });
    const type = await requester.client.post('/api/v1/qualification-types', {
      name: 'English test',
    });
    expect(type.statusCode, type.body).toBe(201);
    const { projectId } = await publishedProject(app, {
      requester,
      project: {
        qualificationRequirements: [
          { qualificationTypeId: type.json<{ id: string }>().id, comparator: 'Exists' },
        ],
      },
    });
    const w = await signUp(app, { roles: ['worker'] });
    const refused = await w.client.post(`/api/v1/projects/${projectId}/assignments`);
    expect(refused.statusCode).toBe(403);
    const details = notQualifiedDetailsSchema.parse(refused.json().error.details);
    expect(details.unmet.map((u) => [u.requirement.name, u.workerValue, u.hint])).toEqual([
      [
        'English test',
        null,
        "Requires the qualification 'English test' — ask the requester or take its test.",
      ],
    ]);
  });
});

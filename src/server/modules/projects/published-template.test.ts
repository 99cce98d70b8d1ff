import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/helpers/app.js';
import { createProject, signUpRequester } from '../../../../test/helpers/projects.js';
import { fundedProject, submissions } from '../../../../test/helpers/review.js';
import { SIMPLE_FORM } from '../../../../test/helpers/work.js';

const ctx = await createTestApp();
const { app } = ctx;

type Option = { value: string; label: string };

/** SIMPLE_FORM with the choice item's options replaced. */
function withOptions(options: Option[]) {
  const form = structuredClone(SIMPLE_FORM) as unknown as {
    kind: 'form';
    items: Record<string, unknown>[];
  };
  form.items[1] = { ...form.items[1], options };
  return form;
}

const RENAMED = withOptions([
  { value: 'positive', label: 'Positive' },
  { value: 'negative', label: 'Negative' },
]);

describe("changing a published project's option values", () => {
  it('refuses without the acknowledgement, with the changes listed, and changes nothing', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    await submissions(app, projectId, 1);

    const res = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      template: RENAMED,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'option_values_changed',
      details: {
        field: 'template',
        changes: [
          { item: 'animal', from: 'yes', to: 'positive' },
          { item: 'animal', from: 'no', to: 'negative' },
        ],
      },
    });
    expect(res.json().error.message).toContain('acknowledgeOptionValueChanges');
    for (const acknowledge of [false, undefined]) {
      const again = await requester.client.patch(`/api/v1/projects/${projectId}`, {
        template: RENAMED,
        acknowledgeOptionValueChanges: acknowledge,
      });
      expect(again.json().error.code).toBe('option_values_changed');
    }
    const stored = (await requester.client.get(`/api/v1/projects/${projectId}`)).json();
    expect(stored.template.items[1].options).toEqual(SIMPLE_FORM.items[1].options);
  });

  it('changes them when acknowledged; answers already given keep the old value', async () => {
    const { requester, projectId } = await fundedProject(app, { tasks: 2 });
    await submissions(app, projectId, 1);

    const res = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      template: RENAMED,
      acknowledgeOptionValueChanges: true,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().template.items[1].options).toEqual(RENAMED.items[1]!.options);
    expect(res.json().status).toBe('published');

    const csv = await requester.client.get(`/api/v1/projects/${projectId}/results.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('yes');
    expect(csv.body).not.toContain('positive');
  });

  it('lets option labels be reworded without the acknowledgement', async () => {
    const { requester, projectId } = await fundedProject(app);
    const reworded = withOptions([
      { value: 'yes', label: 'Yes, an animal' },
      { value: 'no', label: 'No, not an animal' },
    ]);
    const res = await requester.client.patch(`/api/v1/projects/${projectId}`, {
      template: reworded,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().template.items[1].options[0]).toEqual({
      value: 'yes',
      label: 'Yes, an animal',
    });
  });

  it('still refuses any other change of the template, acknowledged or not', async () => {
    const { requester, projectId } = await fundedProject(app);
    const withMore = withOptions([
      { value: 'yes', label: 'Yes' },
      { value: 'no', label: 'No' },
      { value: 'mixed', label: 'Mixed' },
    ]);
    const requiredOff = structuredClone(SIMPLE_FORM) as unknown as {
      items: Record<string, unknown>[];
    };
    requiredOff.items[1]!.required = false;
    for (const template of [
      withMore,
      requiredOff,
      { kind: 'form', items: SIMPLE_FORM.items.slice(0, 2) },
      { kind: 'html', html: '<input name="x">' },
    ]) {
      const res = await requester.client.patch(`/api/v1/projects/${projectId}`, {
        template,
        acknowledgeOptionValueChanges: true,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'not_editable',
        details: { field: 'template' },
      });
    }
  });

  it('lets a draft change option values without any acknowledgement', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client, { template: SIMPLE_FORM });
    const res = await client.patch(`/api/v1/projects/${project.id}`, { template: RENAMED });
    expect(res.statusCode).toBe(200);
    expect(res.json().template.items[1].options[0].value).toBe('positive');
  });

  it("cannot change another requester's published project, acknowledged or not", async () => {
    const { projectId } = await fundedProject(app);
    const other = await signUpRequester(app);
    const res = await other.client.patch(`/api/v1/projects/${projectId}`, {
      template: RENAMED,
      acknowledgeOptionValueChanges: true,
    });
    expect(res.statusCode).toBe(404);
  });
});

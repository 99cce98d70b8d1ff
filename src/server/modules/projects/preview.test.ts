import { describe, expect, it } from 'vitest';
import { Client, createTestApp, signUp } from '../../../../test/helpers/app.js';
import {
  createProject,
  SAMPLE_CSV,
  signUpRequester,
  uploadCsv,
} from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;

const HTML = '<h1>${title}</h1><img src="${image_url}"><form><input name="caption"></form>';

describe('previewing a form project', () => {
  it('shows the first task filled as a worker will see it, or the one asked for', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client, { instructions: 'Be kind', description: 'Photos' });
    await uploadCsv(client, project.id, SAMPLE_CSV);
    const first = await client.get(`/api/v1/projects/${project.id}/preview`);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      projectId: project.id,
      title: 'Caption photos',
      description: 'Photos',
      instructions: 'Be kind',
      rewardCents: 25,
      timeAllottedSeconds: 3600,
      task: { rowNumber: 1, data: { title: 'Cat' } },
      template: {
        kind: 'form',
        items: [
          { type: 'instructions', name: 'intro', text: 'Describe **Cat**.' },
          { type: 'image', name: 'photo', url: 'https://img.example.com/cat.png' },
          { type: 'text', name: 'caption', label: 'Caption', required: true, maxLength: 100 },
          {
            type: 'single_choice',
            name: 'ok',
            options: [
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ],
          },
        ],
      },
    });
    const tasks = (await client.get(`/api/v1/projects/${project.id}/tasks`)).json().items;
    const second = (
      await client.get(`/api/v1/projects/${project.id}/preview?taskId=${tasks[1].id}`)
    ).json();
    expect(second.task.data.title).toBe('Dog');
    expect(second.template.items[0].text).toBe('Describe **Dog**.');
  });

  it('previews a project without tasks with empty placeholders', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    const res = (await client.get(`/api/v1/projects/${project.id}/preview`)).json();
    expect(res.task).toBeNull();
    expect(res.template.items[0].text).toBe('Describe ****.');
    expect(res.template.items[1].url).toBeNull();
  });

  it('answers 404 for an unknown task, a task of another project, and another requester', async () => {
    const { client } = await signUpRequester(app);
    const project = await createProject(client);
    const other = await createProject(client);
    await uploadCsv(client, other.id, SAMPLE_CSV);
    const otherTask = (await client.get(`/api/v1/projects/${other.id}/tasks`)).json().items[0].id;
    expect(
      (await client.get(`/api/v1/projects/${project.id}/preview?taskId=${otherTask}`)).statusCode,
    ).toBe(404);
    expect(
      (
        await client.get(
          `/api/v1/projects/${project.id}/preview?taskId=00000000-0000-4000-8000-000000000000`,
        )
      ).statusCode,
    ).toBe(404);
    const { client: stranger } = await signUpRequester(app);
    expect((await stranger.get(`/api/v1/projects/${other.id}/preview`)).statusCode).toBe(404);
    const { client: worker } = await signUp(app, { roles: ['worker'] });
    expect((await worker.get(`/api/v1/projects/${other.id}/preview`)).statusCode).toBe(403);
    expect((await new Client(app).get(`/api/v1/projects/${other.id}/preview`)).statusCode).toBe(
      401,
    );
  });
});

describe('previewing an html project', () => {
  async function htmlProject() {
    const { client } = await signUpRequester(app);
    const project = await createProject(client, { template: { kind: 'html', html: HTML } });
    await uploadCsv(
      client,
      project.id,
      // The address breaks out of its attribute if unescaped (and is still a web address, which
      // the import asks of a src column).
      'title,image_url\n"<script>alert(1)</script>","https://img.example.com/x"" onerror=""alert(2)"\n',
    );
    const task = (await client.get(`/api/v1/projects/${project.id}/tasks`)).json().items[0];
    return { client, project, task };
  }

  it('fills the html with escaped values and points at the sandboxed frame', async () => {
    const { client, project, task } = await htmlProject();
    const preview = (await client.get(`/api/v1/projects/${project.id}/preview`)).json();
    const filled =
      '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><img src="https://img.example.com/x&quot; onerror=&quot;alert(2)"><form><input name="caption"></form>';
    expect(preview.template).toEqual({
      kind: 'html',
      html: filled,
      frameUrl: `/api/v1/projects/${project.id}/tasks/${task.id}/frame`,
    });

    const frame = await client.get(preview.template.frameUrl);
    expect(frame.statusCode).toBe(200);
    expect(frame.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(frame.headers['content-security-policy']).toBe(
      "sandbox allow-scripts allow-forms; frame-ancestors 'self'",
    );
    expect(frame.headers['cache-control']).toBe('no-store');
    expect(frame.body).toContain(filled);
    expect(frame.body).toMatch(/^<!doctype html>/);
    // The only script is Tessera's answer bridge; the row's script text stays escaped.
    expect(frame.body.match(/<script>/g)).toHaveLength(1);
    expect(frame.body).toContain("type: 'tessera:submit'");
  });

  it('serves frames only to the owner, and only for html templates', async () => {
    const { project, task } = await htmlProject();
    const { client: stranger } = await signUpRequester(app);
    expect(
      (await stranger.get(`/api/v1/projects/${project.id}/tasks/${task.id}/frame`)).statusCode,
    ).toBe(404);
    expect(
      (await new Client(app).get(`/api/v1/projects/${project.id}/tasks/${task.id}/frame`))
        .statusCode,
    ).toBe(401);

    const { client } = await signUpRequester(app);
    const form = await createProject(client);
    await uploadCsv(client, form.id, SAMPLE_CSV);
    const formTask = (await client.get(`/api/v1/projects/${form.id}/tasks`)).json().items[0];
    const res = await client.get(`/api/v1/projects/${form.id}/tasks/${formTask.id}/frame`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('not_html');
    expect(
      (await client.get(`/api/v1/projects/${form.id}/tasks/${task.id}/frame`)).statusCode,
    ).toBe(404);
  });
});

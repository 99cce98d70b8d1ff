import type { App } from '../../src/server/app.js';
import { createProject, deposit, signUpRequester, uploadCsv } from './projects.js';

export const SIMPLE_FORM = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Is **{{word}}** an animal?' },
    {
      type: 'single_choice',
      name: 'animal',
      label: 'Animal?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
    { type: 'text', name: 'note', label: 'Note', maxLength: 20 },
  ],
} as const;

/**
 * A published project of `tasks` rows × `slots` assignments at `rewardCents` each, its requester
 * funded with exactly `funds` cents (default: plenty).
 */
export async function publishedProject(
  app: App,
  options: {
    tasks?: number;
    slots?: number;
    rewardCents?: number;
    funds?: number;
    project?: Record<string, unknown>;
    requester?: Awaited<ReturnType<typeof signUpRequester>>;
  } = {},
) {
  const tasks = options.tasks ?? 3;
  const requester = options.requester ?? (await signUpRequester(app));
  await deposit(requester.client, options.funds ?? 1_000_000);
  const project = await createProject(requester.client, {
    template: SIMPLE_FORM,
    rewardCents: options.rewardCents ?? 10,
    assignmentsPerTask: options.slots ?? 1,
    ...options.project,
  });
  const csv = ['word', ...Array.from({ length: tasks }, (_, i) => `word${i}`)].join('\n');
  const upload = await uploadCsv(requester.client, project.id, csv);
  if (upload.statusCode !== 201) throw new Error(`upload failed: ${upload.body}`);
  const published = await requester.client.post(`/api/v1/projects/${project.id}/publish`);
  if (published.statusCode !== 200) throw new Error(`publish failed: ${published.body}`);
  return { requester, projectId: project.id };
}

export const GOOD_ANSWERS = { animal: 'yes', note: 'fine' };

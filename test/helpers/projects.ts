import type { App } from '../../src/server/app.js';
import type { Client } from './app.js';
import { signUp } from './app.js';

/** A form that reads the columns `title` and `image_url`. */
export const FORM_TEMPLATE = {
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Describe **{{title}}**.' },
    { type: 'image', name: 'photo', url: '{{image_url}}' },
    { type: 'text', name: 'caption', label: 'Caption', required: true, maxLength: 100 },
    {
      type: 'single_choice',
      name: 'ok',
      label: 'Is the photo sharp?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
  ],
} as const;

export const SAMPLE_CSV =
  'title,image_url\r\nCat,https://img.example.com/cat.png\r\nDog,https://img.example.com/dog.png\r\n';

export async function signUpRequester(app: App) {
  return signUp(app, { roles: ['requester'] });
}

export async function createProject(client: Client, overrides: Record<string, unknown> = {}) {
  const response = await client.post('/api/v1/projects', {
    title: 'Caption photos',
    description: 'Write a short caption',
    rewardCents: 25,
    assignmentsPerTask: 2,
    template: FORM_TEMPLATE,
    ...overrides,
  });
  if (response.statusCode !== 201) throw new Error(`create project failed: ${response.body}`);
  return response.json<{ id: string; [key: string]: any }>();
}

export function uploadCsv(
  client: Client,
  projectId: string,
  csv: string | Buffer,
  headers: Record<string, string> = {},
  query = '',
) {
  return client.request('POST', `/api/v1/projects/${projectId}/batches${query}`, csv as string, {
    'content-type': 'text/csv',
    ...headers,
  });
}

export async function deposit(client: Client, amountCents: number) {
  const response = await client.post('/api/v1/me/deposits', { amountCents });
  if (response.statusCode !== 201) throw new Error(`deposit failed: ${response.body}`);
}

export async function balance(client: Client) {
  return (await client.get('/api/v1/me/balance')).json<{
    availableCents: number;
    escrowCents: number;
  }>();
}

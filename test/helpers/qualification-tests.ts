import type { Client } from './app.js';

/** A three-question test: 2 + 1 + 1 points, passed with 3. */
export const SAMPLE_TEST = {
  template: {
    kind: 'form',
    items: [
      { type: 'instructions', name: 'intro', text: 'Answer all three.' },
      {
        type: 'single_choice',
        name: 'capital',
        label: 'The capital of France?',
        required: true,
        options: [
          { value: 'paris', label: 'Paris' },
          { value: 'lyon', label: 'Lyon' },
        ],
      },
      { type: 'number', name: 'sum', label: '2 + 2 =', required: true },
      { type: 'text', name: 'word', label: 'Type “cat”' },
    ],
  },
  answerKey: {
    capital: { value: 'paris', points: 2 },
    sum: { value: 4, points: 1 },
    word: { value: 'cat', points: 1 },
  },
  passingScore: 3,
  testDurationSeconds: 600,
  retryDelaySeconds: 3600,
};

export const PASSING_ANSWERS = { capital: 'paris', sum: 4, word: 'Cat' };
export const FAILING_ANSWERS = { capital: 'lyon', sum: 4, word: 'dog' };

/** Creates a qualification type with `SAMPLE_TEST` (changed by `test`); answers its id. */
export async function createTypeWithTest(
  client: Client,
  test: Record<string, unknown> = {},
  name = `Tested ${Math.random().toString(36).slice(2, 8)}`,
): Promise<string> {
  const res = await client.post('/api/v1/qualification-types', {
    name,
    test: { ...SAMPLE_TEST, ...test },
  });
  if (res.statusCode !== 201) throw new Error(`create type failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

/** Starts an attempt as a worker; answers its id. */
export async function startAttempt(client: Client, typeId: string): Promise<string> {
  const res = await client.post(`/api/v1/qualification-types/${typeId}/test-attempts`);
  if (res.statusCode !== 201) throw new Error(`start failed: ${res.body}`);
  return res.json<{ id: string }>().id;
}

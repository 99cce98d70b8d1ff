import type { createServices } from '../../src/server/app.js';
import { createProjectBodySchema } from '../../src/shared/api/projects.js';
import type { Scope } from '../../src/shared/scopes.js';

type Services = ReturnType<typeof createServices>;

/** Rows per batch call: well inside the batch limit, few calls for a large bench. */
const BATCH_ROWS = 50_000;

/**
 * A funded requester with a published one-question form project of `tasks` tasks (one slot each,
 * 5 cents), seeded through the services so the bench measures the same data the API would make.
 */
export async function seedPublishedProject(
  services: Services,
  options: { email: string; depositCents: number; tasks: number },
) {
  const { user: requester } = await services.accounts.signup(
    {
      email: options.email,
      password: 'bench password 1',
      displayName: 'Bench',
      roles: ['requester'],
    },
    'bench',
  );
  await services.ledger.deposit({
    userId: requester.id,
    actorId: requester.id,
    amountCents: options.depositCents,
    provider: 'manual',
  });
  const project = await services.projects.projects.create(
    requester.id,
    createProjectBodySchema.parse({
      title: 'Bench project',
      rewardCents: 5,
      assignmentsPerTask: 1,
      template: {
        kind: 'form',
        items: [
          { type: 'instructions', name: 'intro', label: '', text: 'Item {{n}}' },
          {
            type: 'single_choice',
            name: 'ok',
            label: 'OK?',
            required: true,
            options: [
              { value: 'y', label: 'Yes' },
              { value: 'n', label: 'No' },
            ],
          },
        ],
      },
    }),
  );
  for (let start = 0; start < options.tasks; start += BATCH_ROWS) {
    const rows = Array.from({ length: Math.min(BATCH_ROWS, options.tasks - start) }, (_, i) => ({
      n: String(start + i),
    }));
    await services.projects.batches.add(
      requester.id,
      project.id,
      { kind: 'json', rows },
      { filename: null },
    );
  }
  await services.projects.lifecycle.publish(requester.id, project.id);
  return { requester, project };
}

/** `count` worker accounts named `<prefix>-<i>@example.com`, each with a token of `scopes`. */
export async function seedWorkerTokens(
  services: Services,
  options: { prefix: string; count: number; scopes: Scope[] },
): Promise<string[]> {
  const tokens: string[] = [];
  for (let i = 0; i < options.count; i++) {
    const { user } = await services.accounts.signup(
      {
        email: `${options.prefix}-${i}@example.com`,
        password: 'bench password 1',
        displayName: `Worker ${i}`,
        roles: ['worker'],
      },
      'bench',
    );
    const { token } = await services.accounts.createToken(user.id, {
      name: 'bench',
      scopes: options.scopes,
    });
    tokens.push(token);
  }
  return tokens;
}

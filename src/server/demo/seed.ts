import { createProjectBodySchema } from '../../shared/api/projects.js';
import type { createServices } from '../app.js';
import type { Db } from '../db/database.js';
import {
  addressProject,
  addressRows,
  DEMO_ACCOUNTS,
  DEMO_FUNDS_CENTS,
  sentimentProject,
  sentimentRows,
} from './demo-data.js';

type Services = ReturnType<typeof createServices>;

export async function isEmptyDatabase(db: Db): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

/**
 * A funded demo requester with two published sample projects (a form one and an HTML one) and a
 * demo worker, made through the same services the API uses. Returns what to print.
 */
export async function seedDemo(services: Services) {
  const { accounts, ledger, projects } = services;
  const { user: requester } = await accounts.signup(
    { ...DEMO_ACCOUNTS.requester, roles: ['requester'] },
    'tessera seed',
  );
  const { user: worker } = await accounts.signup(
    { ...DEMO_ACCOUNTS.worker, roles: ['worker'] },
    'tessera seed',
  );
  // Made-up addresses that no verification link can reach.
  for (const user of [requester, worker]) await accounts.markEmailVerifiedByOperator(user.id);
  await ledger.deposit({
    userId: requester.id,
    actorId: requester.id,
    amountCents: DEMO_FUNDS_CENTS,
    provider: 'manual',
    externalReference: 'demo data',
  });
  for (const [body, rows] of [
    [sentimentProject, sentimentRows],
    [addressProject, addressRows],
  ] as const) {
    const project = await projects.projects.create(
      requester.id,
      createProjectBodySchema.parse(body),
    );
    await projects.batches.add(
      requester.id,
      project.id,
      { kind: 'json', rows },
      { filename: 'demo.json' },
    );
    await projects.lifecycle.publish(requester.id, project.id);
  }
  return DEMO_ACCOUNTS;
}

export function demoBanner(accounts: typeof DEMO_ACCOUNTS, url: string): string {
  return [
    '',
    '  Demo data created. Sign in at ' + url + ' as:',
    `    requester  ${accounts.requester.email}  /  ${accounts.requester.password}`,
    `    worker     ${accounts.worker.email}  /  ${accounts.worker.password}`,
    '',
  ].join('\n');
}

import { createServices } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createProjectBodySchema } from '../../src/shared/api/projects.js';
import { createTestClock } from '../helpers/clock.js';
import { GOOD_ANSWERS, SIMPLE_FORM } from '../helpers/work.js';

export const PASSWORD = 'correct horse battery';
const REWARD_CENTS = 7;
/** Workers submitting the due work side by side (each takes tasks one after another). */
const WORKERS = 8;

/**
 * A migrated database with a marketplace in it, made through the services (not HTTP, which
 * would take minutes for this much): a funded requester with
 * - `due`: `dueSubmissions` submitted assignments whose review window closed an hour ago, so
 *   the first auto-approval sweep of every instance started afterwards finds all of them;
 * - `live`: a published project with open tasks, for live events;
 * and workers who can sign in with PASSWORD.
 */
export async function seedMarketplace(url: string, options: { dueSubmissions: number }) {
  const handle = await openDatabase({ kind: 'postgres', url, poolSize: WORKERS + 2 });
  try {
    await migrateToLatest(handle.db);
    const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' });
    // Everything happens an hour ago: the review windows (60 s) are long closed by now.
    const clock = createTestClock(new Date(Date.now() - 3_600_000));
    const services = createServices({ db: handle.db, clock, config });
    const signup = (email: string, roles: ('worker' | 'requester')[]) =>
      services.accounts.signup({ email, password: PASSWORD, displayName: email, roles }, 'test');

    const { user: requester } = await signup('requester@example.com', ['requester']);
    await services.ledger.deposit({
      userId: requester.id,
      actorId: requester.id,
      amountCents: 10_000_000,
      provider: 'manual',
    });
    async function publishedProject(title: string, tasks: number, autoApproveSeconds: number) {
      const project = await services.projects.projects.create(
        requester.id,
        createProjectBodySchema.parse({
          title,
          rewardCents: REWARD_CENTS,
          assignmentsPerTask: 1,
          autoApproveSeconds,
          template: SIMPLE_FORM,
        }),
      );
      const rows = Array.from({ length: tasks }, (_, i) => ({ word: `word${i}` }));
      await services.projects.batches.add(
        requester.id,
        project.id,
        { kind: 'json', rows },
        { filename: null },
      );
      await services.projects.lifecycle.publish(requester.id, project.id);
      return project.id;
    }
    const due = await publishedProject('Due for auto-approval', options.dueSubmissions, 60);
    const live = await publishedProject('Live', 10, 3 * 24 * 3600);

    const workers = await Promise.all(
      Array.from({ length: WORKERS }, (_, i) => signup(`worker${i}@example.com`, ['worker'])),
    );
    let left = options.dueSubmissions;
    await Promise.all(
      workers.map(async ({ user }) => {
        while (left > 0) {
          left -= 1;
          const { id } = await services.work.accept(user.id, due);
          await services.work.submit(id, user.id, GOOD_ANSWERS);
        }
      }),
    );
    return {
      requesterEmail: 'requester@example.com',
      workerEmail: 'worker0@example.com',
      dueProjectId: due,
      liveProjectId: live,
      rewardCents: REWARD_CENTS,
    };
  } finally {
    await handle.close();
  }
}

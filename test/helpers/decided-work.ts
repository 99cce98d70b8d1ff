import type { App } from '../../src/server/app.js';
import type { Client } from './app.js';
import { GOOD_ANSWERS } from './work.js';
import { publishedProject } from './work.js';

/**
 * Gives a worker a record of decided work through the API: they do `approved + rejected` tasks
 * of a fresh project, whose requester approves the first `approved` and rejects the rest.
 */
export async function decidedWork(
  app: App,
  worker: { client: Client },
  record: { approved: number; rejected: number },
) {
  const total = record.approved + record.rejected;
  const { requester, projectId } = await publishedProject(app, {
    tasks: total,
    project: { title: 'Record of decided work' },
  });
  const ids: string[] = [];
  for (let i = 0; i < total; i++) {
    const accepted = await worker.client.post(`/api/v1/projects/${projectId}/assignments`);
    if (accepted.statusCode !== 201) throw new Error(`accept failed: ${accepted.body}`);
    const id = accepted.json<{ id: string }>().id;
    const submitted = await worker.client.post(`/api/v1/assignments/${id}/submit`, {
      answers: GOOD_ANSWERS,
    });
    if (submitted.statusCode !== 200) throw new Error(`submit failed: ${submitted.body}`);
    ids.push(id);
  }
  const review = async (action: 'approve' | 'reject', assignmentIds: string[]) => {
    if (assignmentIds.length === 0) return;
    const body = {
      action,
      assignmentIds,
      ...(action === 'reject' ? { reason: 'Not as asked.' } : {}),
    };
    const reviewed = await requester.client.post(`/api/v1/projects/${projectId}/review`, body);
    if (reviewed.statusCode !== 200) throw new Error(`review failed: ${reviewed.body}`);
  };
  await review('approve', ids.slice(0, record.approved));
  await review('reject', ids.slice(record.approved));
}

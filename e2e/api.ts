/**
 * The set-ups journeys start from, made through the API: funds, a project with its data, a task
 * done. Each call checks its status, so a set-up that fails says where.
 */
import type { APIRequestContext, Page } from '@playwright/test';
import { csrfHeader, ok } from './helpers.js';

/** A signed-in account's request context and its CSRF header. */
export type Caller = { request: APIRequestContext; headers: Record<string, string> };

/** The signed-in page's account as an API caller. */
export async function callerOf(page: Page): Promise<Caller> {
  return { request: page.request, headers: await csrfHeader(page.request) };
}

export async function deposit(caller: Caller, amountCents: number) {
  await ok(
    await caller.request.post('/api/v1/me/deposits', {
      headers: caller.headers,
      data: { amountCents },
    }),
    201,
  );
}

/** A draft project (`project` is the create body) with `csv` uploaded as its first batch. */
export async function draftProject(
  caller: Caller,
  project: Record<string, unknown>,
  csv: string,
): Promise<string> {
  const { id } = await ok<{ id: string }>(
    await caller.request.post('/api/v1/projects', { headers: caller.headers, data: project }),
    201,
  );
  await ok(
    await caller.request.post(`/api/v1/projects/${id}/batches`, {
      headers: { ...caller.headers, 'content-type': 'text/csv' },
      data: csv,
    }),
    201,
  );
  return id;
}

/** The same, published (the caller's funds must cover it). */
export async function publishedProject(
  caller: Caller,
  project: Record<string, unknown>,
  csv: string,
): Promise<string> {
  const id = await draftProject(caller, project, csv);
  await ok(
    await caller.request.post(`/api/v1/projects/${id}/publish`, {
      headers: caller.headers,
      data: {},
    }),
    200,
  );
  return id;
}

/** A worker accepts the project's next task and submits `answers`; returns the assignment id. */
export async function doTask(
  worker: Caller,
  projectId: string,
  answers: Record<string, unknown>,
): Promise<string> {
  const { id } = await ok<{ id: string }>(
    await worker.request.post(`/api/v1/projects/${projectId}/assignments`, {
      headers: worker.headers,
    }),
    201,
  );
  await ok(
    await worker.request.post(`/api/v1/assignments/${id}/submit`, {
      headers: worker.headers,
      data: { answers },
    }),
    200,
  );
  return id;
}

import type { App } from '../../src/server/app.js';
import { signInAsAdmin } from '../helpers/admin.js';
import { Client, signUp, TEST_PASSWORD, type TestContext } from '../helpers/app.js';
import {
  createProject,
  deposit,
  SAMPLE_CSV,
  signUpRequester,
  uploadCsv,
} from '../helpers/projects.js';
import { accept, fundedProject, givePayoutMethod, submit } from '../helpers/review.js';

/** Who makes a request in the security suites. */
export const ACTORS = [
  'anonymous',
  'worker',
  'otherWorker',
  'requester',
  'otherRequester',
  'admin',
] as const;
export type Actor = (typeof ACTORS)[number];

/** An HTML task that reads the column `word`, as a requester would write one. */
export const HTML_TEMPLATE = {
  kind: 'html',
  html: '<form><p>${word}</p><input name="animal" required></form>',
} as const;

type Member = { client: Client; user: { id: string; handle: string; email: string } };

/**
 * The people of the security suites: `worker` and `requester` own the objects under attack (the
 * worker's assignments are in the requester's project); `otherWorker` and `otherRequester` are
 * signed-in strangers with work and projects of their own; `admin` runs the platform.
 */
/** A webhook URL on this machine where nothing listens: a test send fails fast, harmlessly. */
export const WEBHOOK_NOWHERE = 'http://127.0.0.1:22819/hook';

export async function createCast(ctx: TestContext) {
  const { app } = ctx;
  const requester = await signUpRequester(app);
  const otherRequester = await signUpRequester(app);
  const worker = await signUp(app, { roles: ['worker'] });
  const otherWorker = await signUp(app, { roles: ['worker'] });
  const admin = await signInAsAdmin(ctx);
  const members: Record<Exclude<Actor, 'anonymous'>, Member> = {
    worker,
    otherWorker,
    requester,
    otherRequester,
    admin,
  };

  // Many one-slot tasks, so every test that needs a fresh assignment can take one.
  const { projectId } = await fundedProject(app, { requester, tasks: 40, slots: 1 });
  const html = await fundedProject(app, {
    requester,
    tasks: 10,
    slots: 1,
    project: { template: HTML_TEMPLATE },
  });
  const other = await fundedProject(app, { requester: otherRequester, tasks: 5, slots: 2 });
  const otherAssignmentId = await accept(otherWorker, projectId);

  return {
    app,
    members,
    anonymous: new Client(app),
    projectId,
    htmlProjectId: html.projectId,
    otherAssignmentId,
    otherProjectId: other.projectId,
    /** A client for an actor (a fresh cookie-less one for `anonymous`). */
    clientOf(actor: Actor): Client {
      return actor === 'anonymous' ? new Client(app) : members[actor].client;
    },
    userOf(actor: Exclude<Actor, 'anonymous'>) {
      return members[actor].user;
    },
    /** An assignment of `worker` in the requester's project, accepted (and submitted if asked). */
    async assignment(state: 'accepted' | 'submitted' = 'accepted', project = projectId) {
      const id = await accept(worker, project);
      if (state === 'submitted') await submit(worker, id);
      return id;
    },
    /** A draft with one batch of data, ready to publish. */
    async draftProject() {
      const { id } = await createProject(requester.client);
      const upload = await uploadCsv(requester.client, id, SAMPLE_CSV);
      if (upload.statusCode !== 201) throw new Error(`upload failed: ${upload.body}`);
      return id;
    },
    async publishedProject() {
      return (await fundedProject(app, { requester, tasks: 1, slots: 1 })).projectId;
    },
    async taskId(project = projectId) {
      const res = await requester.client.get(`/api/v1/projects/${project}/tasks?limit=1`);
      return res.json<{ items: { id: string }[] }>().items[0]!.id;
    },
    async qualificationType() {
      const res = await requester.client.post('/api/v1/qualification-types', {
        name: `Skill ${Math.random().toString(36).slice(2, 8)}`,
      });
      return res.json<{ id: string }>().id;
    },
    /** The requester's webhook, aimed where nothing listens (the matrix allows private targets). */
    async webhook() {
      const res = await requester.client.post('/api/v1/webhooks', {
        url: WEBHOOK_NOWHERE,
        events: ['assignment.submitted'],
      });
      return res.json<{ id: string }>().id;
    },
    async token(owner: Member = requester) {
      const res = await owner.client.post('/api/v1/me/tokens', {
        name: 'script',
        scopes: ['profile'],
      });
      return res.json<{ id: string }>().id;
    },
    async accessKey(owner: Member = requester) {
      const res = await owner.client.post('/api/v1/me/access-keys', { name: 'script' });
      return res.json<{ accessKeyId: string }>().accessKeyId;
    },
    async oauthClient(owner: Member = requester) {
      const res = await owner.client.post('/api/v1/oauth-clients', {
        name: 'App',
        type: 'confidential',
        redirectUris: ['https://app.example.com/callback'],
      });
      return res.json<{ clientId: string }>().clientId;
    },
    /** A pending payout of `worker`: one approved assignment's pay, requested out. */
    async payout() {
      const id = await this.assignment('submitted');
      const approved = await requester.client.post(`/api/v1/assignments/${id}/approve`, {});
      if (approved.statusCode !== 200) throw new Error(`approve failed: ${approved.body}`);
      await givePayoutMethod(worker.client);
      const res = await worker.client.post('/api/v1/me/payouts', {});
      if (res.statusCode !== 201) throw new Error(`payout failed: ${res.body}`);
      return res.json<{ id: string }>().id;
    },
    async notificationId(actor: Exclude<Actor, 'anonymous'> = 'worker') {
      const res = await members[actor].client.get('/api/v1/me/notifications?limit=1');
      return res.json<{ items: { id: string }[] }>().items[0]?.id;
    },
    /** A fresh user for admin actions that must not disturb the cast. */
    async bystander() {
      return (await signUp(app, { roles: ['worker'] })).user.id;
    },
    async fund(actor: 'requester' | 'otherRequester', cents: number) {
      await deposit(members[actor].client, cents);
    },
  };
}

export type Cast = Awaited<ReturnType<typeof createCast>>;

/** Signs a member in again (after a request signed them out), keeping the same Client object. */
export async function signInAgain(app: App, client: Client, email: string) {
  const res = await client.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.body}`);
}

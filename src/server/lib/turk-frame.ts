import { createHmac, timingSafeEqual } from 'node:crypto';
import { escapeHtml } from '../../shared/html.js';
import { newSecret } from './secrets.js';

/**
 * What MTurk tells a task page about the assignment it runs in (DESIGN §8): MTurk appends these
 * to an ExternalQuestion's URL, and an HTMLQuestion's form needs `assignmentId` and posts to
 * `turkSubmitTo`. Before the task is accepted (a preview) only `assignmentId` (MTurk's
 * placeholder value) and `hitId` are given.
 */
export type TurkParams = {
  assignmentId: string;
  hitId: string;
  workerId?: string | undefined;
  turkSubmitTo?: string | undefined;
};

/** MTurk's assignmentId while a worker previews a HIT: task pages test for it. */
export const ASSIGNMENT_ID_NOT_AVAILABLE = 'ASSIGNMENT_ID_NOT_AVAILABLE';

/** MTurk's parameters while a worker previews the task `taskId` (not accepted yet). */
export function previewTurkParams(taskId: string): TurkParams {
  return { assignmentId: ASSIGNMENT_ID_NOT_AVAILABLE, hitId: taskId };
}

/** The path after `turkSubmitTo` that MTurk's task pages post to. */
export const EXTERNAL_SUBMIT_PATH = '/mturk/externalSubmit';

/** Marks the frame an ExternalQuestion's template loads its page in (written by this module). */
const EXTERNAL_FRAME = 'data-tessera-external-question';

/**
 * An ExternalQuestion as an HTML template: the requester's page in a frame inside the task's
 * sandboxed frame, which inherits its sandbox. FrameHeight 0 lets it fill the task frame.
 */
export function externalQuestionHtml(url: string, frameHeight: number): string {
  const height = frameHeight > 0 ? `${frameHeight}px` : '100vh';
  return `<iframe ${EXTERNAL_FRAME} src="${escapeHtml(url)}" title="Task" referrerpolicy="no-referrer" style="display:block;width:100%;height:${height};border:0"></iframe>`;
}

const EXTERNAL_SRC = new RegExp(`(<iframe ${EXTERNAL_FRAME} src=")([^"]*)(")`, 'g');
const ESCAPED: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#96;': '`',
};

/** The HTML with MTurk's parameters added to the address of an ExternalQuestion's frame. */
export function withTurkParams(html: string, params: TurkParams): string {
  return html.replace(EXTERNAL_SRC, (_whole, before: string, src: string, after: string) => {
    const url = new URL(src.replace(/&(amp|lt|gt|quot|#39|#96);/g, (e) => ESCAPED[e] ?? e));
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string') url.searchParams.set(name, value);
    }
    return `${before}${escapeHtml(url.href)}${after}`;
  });
}

/**
 * The unguessable per-assignment address a task page posts its answers to (`turkSubmitTo`): a
 * frame's post carries no SameSite=Lax cookie, so the address itself is the credential. It is
 * the assignment's id with an HMAC under a server key: nothing to store, nothing to guess, and
 * it submits nothing once the assignment is no longer in progress.
 */
export function createSubmitTokens(key: string) {
  const mac = (assignmentId: string) =>
    createHmac('sha256', key).update(`externalSubmit:${assignmentId}`).digest('base64url');
  return {
    tokenFor: (assignmentId: string) =>
      `${Buffer.from(assignmentId).toString('base64url')}.${mac(assignmentId)}`,

    /** The assignment a token was made for, or undefined when it is not one of ours. */
    assignmentOf(token: string): string | undefined {
      const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match?.[1] || !match[2]) return undefined;
      const assignmentId = Buffer.from(match[1], 'base64url').toString('utf8');
      const expected = Buffer.from(mac(assignmentId));
      const given = Buffer.from(match[2]);
      return expected.length === given.length && timingSafeEqual(expected, given)
        ? assignmentId
        : undefined;
    },
  };
}

export type SubmitTokens = ReturnType<typeof createSubmitTokens>;

/** `turkSubmitTo` of an assignment: the public address of its submit path. */
export function turkSubmitTo(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/s/${token}`;
}

const STORED_KEY_NAME = 'submit_token_key';

/**
 * The submit tokens' key: derived from SESSION_SECRET when set, or else a random key made once
 * and kept in the database, so every instance (and a restarted one) accepts the same tokens.
 */
export async function loadSubmitTokens(
  sessionSecret: string | undefined,
  secrets: { getOrCreate(name: string, create: () => Promise<unknown>): Promise<unknown> },
): Promise<SubmitTokens> {
  if (sessionSecret) {
    return createSubmitTokens(
      createHmac('sha256', sessionSecret).update('tessera/submit-tokens').digest('base64url'),
    );
  }
  const stored = await secrets.getOrCreate(STORED_KEY_NAME, () => Promise.resolve(newSecret(32)));
  if (typeof stored !== 'string' || stored.length < 32) {
    throw new Error('The stored submit token key is malformed');
  }
  return createSubmitTokens(stored);
}

/** MTurk's parameters of a worker's assignment, with its submit address. */
export function createTurkParams(tokens: SubmitTokens, publicUrl: string) {
  return {
    ofAssignment: (row: { id: string; task_id: string; worker_id: string }): TurkParams => ({
      assignmentId: row.id,
      hitId: row.task_id,
      workerId: row.worker_id,
      turkSubmitTo: turkSubmitTo(publicUrl, tokens.tokenFor(row.id)),
    }),
  };
}

export type TurkParamsOf = ReturnType<typeof createTurkParams>;

import type { LockContents } from '../server/db/data-dir-lock.js';
import { errorMessage, memberOf, stringMember } from '../shared/narrow.js';

export type AdminInput = { email: string; password: string; displayName: string };

/**
 * `create-admin` while a server holds the embedded database: the command may not open it (two
 * processes would overwrite each other's writes), so it hands the request to that server with
 * the one-time setup token the server left in the lock file. Returns what to print.
 */
export async function createAdminThroughServer(
  holder: LockContents,
  input: AdminInput,
): Promise<{ ok: boolean; message: string }> {
  const running = `The Tessera server (pid ${holder.pid}) has the embedded database open`;
  if (!holder.setup) {
    return {
      ok: false,
      message:
        `${running} and offers no setup link (an administrator exists already, or it is still ` +
        'starting). Sign in as an administrator to give the role, or stop the server and run ' +
        'this command again.',
    };
  }
  let response: Response;
  try {
    response = await fetch(`${holder.setup.api}/api/v1/setup/admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: holder.setup.token, ...input }),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    return {
      ok: false,
      message: `${running} but did not answer at ${holder.setup.api}: ${errorMessage(error)}`,
    };
  }
  if (response.status === 201) {
    return { ok: true, message: `Created admin ${input.email} (through the running server).` };
  }
  const body: unknown = await response.json().catch(() => ({}));
  const refusal = stringMember(memberOf(body, 'error'), 'message');
  return {
    ok: false,
    message:
      `${running}; it refused: ${refusal ?? `HTTP ${response.status}`} ` +
      'To make an existing account an administrator, stop the server and run this command again.',
  };
}

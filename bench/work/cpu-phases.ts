/**
 * Server CPU per request by kind, measured in phases on the same running server: accepts alone,
 * then submits of what they claimed, then `GET /healthz` (no token, no database), each with the
 * same number of closed-loop clients. The ratio to /healthz is what the authenticated path
 * costs over the bare HTTP stack on the same machine in the same minute.
 */
import type http from 'node:http';
import { performance } from 'node:perf_hooks';
import { cpuSnapshot } from '../lib/cpu-account.js';
import { send } from '../lib/http-load.js';

export type PhaseCpu = { requests: number; failures: number; serverMs: number };

/** Server CPU milliseconds per request while `run` sends `requests()` of them. */
async function measure(
  serverPid: number,
  run: () => Promise<{ requests: number; failures: number }>,
): Promise<PhaseCpu> {
  const before = cpuSnapshot(serverPid);
  const { requests, failures } = await run();
  const after = cpuSnapshot(serverPid);
  return { requests, failures, serverMs: ((after.server - before.server) * 1000) / requests };
}

export async function measureCpuPhases(options: {
  serverPid: number;
  agent: http.Agent;
  base: URL;
  projectId: string;
  tokens: string[];
  seconds: number;
}) {
  const { agent, base, tokens } = options;
  const claimed: { headers: Record<string, string>; id: string }[] = [];
  const loop = async (until: number, step: () => Promise<boolean>) => {
    let requests = 0;
    let failures = 0;
    while (performance.now() < until) {
      requests += 1;
      if (!(await step())) failures += 1;
    }
    return { requests, failures };
  };
  const total = (parts: { requests: number; failures: number }[]) => ({
    requests: parts.reduce((sum, p) => sum + p.requests, 0),
    failures: parts.reduce((sum, p) => sum + p.failures, 0),
  });
  const headersOf = (token: string) => ({
    authorization: `Bearer ${token}`,
    'content-type': 'application/json',
  });

  const accept = await measure(options.serverPid, async () => {
    const until = performance.now() + options.seconds * 1000;
    return total(
      await Promise.all(
        tokens.map((token) =>
          loop(until, async () => {
            const headers = headersOf(token);
            const response = await send(agent, base, {
              method: 'POST',
              path: `/api/v1/projects/${options.projectId}/assignments`,
              headers,
              body: '{}',
            });
            if (response.status !== 201) return false;
            claimed.push({ headers, id: (JSON.parse(response.body) as { id: string }).id });
            return true;
          }),
        ),
      ),
    );
  });

  const submit = await measure(options.serverPid, async () => {
    const queue = [...claimed];
    const parts = await Promise.all(
      tokens.map(async () => {
        let requests = 0;
        let failures = 0;
        for (let next = queue.pop(); next; next = queue.pop()) {
          requests += 1;
          const response = await send(agent, base, {
            method: 'POST',
            path: `/api/v1/assignments/${next.id}/submit`,
            headers: next.headers,
            body: JSON.stringify({ answers: { ok: 'y' } }),
          });
          if (response.status !== 200) failures += 1;
        }
        return { requests, failures };
      }),
    );
    return total(parts);
  });

  const healthz = await measure(options.serverPid, async () => {
    const until = performance.now() + options.seconds * 1000;
    return total(
      await Promise.all(
        tokens.map(() =>
          loop(until, async () => (await send(agent, base, { path: '/healthz' })).status === 200),
        ),
      ),
    );
  });

  return { accept, submit, healthz };
}

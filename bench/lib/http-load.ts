/**
 * A closed-loop HTTP load generator for the benches: `concurrency` clients each send a request,
 * wait for the whole response, and send the next, for a fixed time, over keep-alive connections
 * (node:http, lighter on the shared cores than fetch). Latency is per request, client-side.
 */
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { fmt, percentile } from './bench-db.js';

export type LoadRequest = {
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
};

export type LoadResult = {
  requests: number;
  failures: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** The first unexpected status and body, to say why requests failed. */
  firstFailure?: string;
};

/** One request over `agent`, answered with its status and whole body. */
export function send(
  agent: http.Agent,
  base: URL,
  request: LoadRequest,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: request.path,
        method: request.method ?? 'GET',
        headers: request.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Runs `next()`'s requests for `seconds` with `concurrency` clients; 200 is success. */
export async function runLoad(options: {
  baseUrl: string;
  concurrency: number;
  seconds: number;
  next: () => LoadRequest;
  /** Checked on every 200 body; a false answer counts as a failure. */
  check?: (body: string) => boolean;
}): Promise<LoadResult> {
  const base = new URL(options.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  async function client() {
    while (performance.now() < deadline) {
      const t = performance.now();
      const response = await send(agent, base, options.next());
      latencies.push(performance.now() - t);
      if (response.status !== 200 || (options.check && !options.check(response.body))) {
        failures += 1;
        firstFailure ??= `${response.status} ${response.body.slice(0, 300)}`;
      }
    }
  }
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    failures,
    seconds,
    perSecond: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p90: percentile(latencies, 90),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
    ...(firstFailure ? { firstFailure } : {}),
  };
}

export function describeLoad(label: string, r: LoadResult): string {
  const failed = r.failures ? `  ${r.failures} FAILED (${r.firstFailure})` : '';
  return `${label.padEnd(30)} ${String(r.requests).padStart(6)} req  ${fmt(r.perSecond).padStart(7)} req/s  p50 ${fmt(r.p50).padStart(6)} ms  p90 ${fmt(r.p90).padStart(6)} ms  p99 ${fmt(r.p99).padStart(6)} ms  max ${fmt(r.max).padStart(6)} ms${failed}`;
}

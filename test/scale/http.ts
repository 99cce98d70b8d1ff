import { request as httpRequest, type Agent, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export type Reply = {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  text(): string;
  json<T = any>(): T;
};

export type SendOptions = {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Record<string, unknown>;
  /** A keep-alive agent to reuse connections; by default each request has its own. */
  agent?: Agent;
  /** The source address: lets a test be its own client address (rate limits key on it). */
  localAddress?: string;
};

/**
 * One HTTP(S) request over the network (not `inject`), answered bodies undecoded: a test sees
 * exactly what a client would. TLS certificates are not checked (the tests' are self-signed).
 */
export function send(url: string, options: SendOptions = {}): Promise<Reply> {
  const target = new URL(url);
  const headers: Record<string, string> = { ...options.headers };
  let payload: string | Buffer | undefined;
  if (options.body !== undefined) {
    const isRaw = typeof options.body === 'string' || Buffer.isBuffer(options.body);
    payload = isRaw ? (options.body as string | Buffer) : JSON.stringify(options.body);
    if (!isRaw) headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  const requestFn = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = requestFn(
      target,
      {
        method: options.method ?? 'GET',
        headers,
        ...(options.agent ? { agent: options.agent } : { agent: false }),
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
        rejectUnauthorized: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body,
            text: () => body.toString('utf8'),
            json: () => JSON.parse(body.toString('utf8')),
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * A signed-in browser as the server sees it: keeps its cookies, echoes the CSRF cookie on
 * mutations, and can talk to any of several addresses (instance A, instance B, nginx) with the
 * same cookies, as a load balancer would send it to one or another.
 */
export class Session {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly localAddress?: string) {}

  async request(
    baseUrl: string,
    method: string,
    path: string,
    body?: Record<string, unknown> | string,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const all: Record<string, string> = { ...headers };
    if (this.cookies.size) all.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = this.cookies.get('csrf_token');
    if (csrf && method !== 'GET') all['x-csrf-token'] = csrf;
    const reply = await send(`${baseUrl}${path}`, {
      method,
      headers: all,
      ...(body === undefined ? {} : { body }),
      ...(this.localAddress ? { localAddress: this.localAddress } : {}),
    });
    for (const cookie of ([] as string[]).concat(reply.headers['set-cookie'] ?? [])) {
      const [pair = '', ...attributes] = cookie.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return reply;
  }

  get(baseUrl: string, path: string) {
    return this.request(baseUrl, 'GET', path);
  }

  post(baseUrl: string, path: string, body: Record<string, unknown> = {}, headers = {}) {
    return this.request(baseUrl, 'POST', path, body, headers);
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

import { createServer } from 'node:net';

type StoredCookie = { name: string; value: string; path: string };

const pathMatches = (cookiePath: string, requestPath: string) =>
  requestPath === cookiePath ||
  requestPath.startsWith(cookiePath.endsWith('/') ? cookiePath : `${cookiePath}/`);

/**
 * A minimal browser over fetch for driving OAuth flows against a listening server: a cookie jar
 * that honours cookie paths (the authorization server scopes its cookies), manual redirects, and
 * Tessera's CSRF echo on API calls.
 */
export class Browser {
  private jar = new Map<string, StoredCookie>();

  constructor(readonly origin: string) {}

  private cookieHeader(url: URL): string | undefined {
    const pairs = [...this.jar.values()]
      .filter((c) => pathMatches(c.path, url.pathname))
      .map((c) => `${c.name}=${c.value}`);
    return pairs.length ? pairs.join('; ') : undefined;
  }

  private store(url: URL, response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const attr = (key: string) =>
        attributes.find((a) => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      // RFC 6265 §5.1.4: without a Path attribute, the request path's directory.
      const path = attr('path') ?? (url.pathname.replace(/\/[^/]*$/, '') || '/');
      const expires = attr('expires');
      const maxAge = attr('max-age');
      const key = `${name}|${path}`;
      const gone =
        !value ||
        (maxAge !== undefined && Number(maxAge) <= 0) ||
        (expires !== undefined && Date.parse(expires) < Date.now());
      if (gone) this.jar.delete(key);
      else this.jar.set(key, { name, value, path });
    }
  }

  cookie(name: string): string | undefined {
    return [...this.jar.values()].find((c) => c.name === name)?.value;
  }

  /** One request, no redirect following. */
  async fetch(
    pathOrUrl: string | URL,
    init: {
      method?: string;
      json?: unknown;
      form?: Record<string, string>;
      headers?: Record<string, string>;
    } = {},
  ): Promise<Response> {
    const url = new URL(pathOrUrl, this.origin);
    const headers: Record<string, string> = { ...init.headers };
    const cookie = this.cookieHeader(url);
    if (cookie) headers.cookie = cookie;
    const method = init.method ?? (init.json !== undefined || init.form ? 'POST' : 'GET');
    const csrf = this.cookie('csrf_token');
    if (csrf && method !== 'GET') headers['x-csrf-token'] = csrf;
    let body: string | undefined;
    if (init.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(init.json);
    } else if (init.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(init.form).toString();
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    this.store(url, response);
    return response;
  }

  /**
   * Follows redirects on this origin and submits the authorization server's self-submitting
   * forms (what a browser's script would do); stops at the first redirect leaving the origin.
   */
  async navigate(
    pathOrUrl: string | URL,
    init: { form?: Record<string, string> } = {},
  ): Promise<{ response: Response; url: URL; body: string }> {
    let url = new URL(pathOrUrl, this.origin);
    let form = init.form;
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.fetch(url, form ? { form } : {});
      form = undefined;
      const location = response.headers.get('location');
      if (response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url);
        if (next.origin !== this.origin) return { response, url: next, body: '' };
        url = next;
        continue;
      }
      const body = await response.text();
      const auto = body.includes('document.forms[0].submit()') ? parseForm(body) : undefined;
      if (!auto) return { response, url, body };
      url = new URL(auto.action, url);
      form = auto.fields;
    }
    throw new Error('too many redirects');
  }

  async signUp(email: string, roles: ('worker' | 'requester')[] = ['requester']) {
    const response = await this.fetch('/api/v1/auth/signup', {
      json: { email, password: 'correct horse battery', displayName: email.split('@')[0], roles },
    });
    if (response.status !== 201) throw new Error(`signup failed: ${await response.text()}`);
    return ((await response.json()) as { user: { id: string } }).user;
  }

  async signIn(email: string) {
    const response = await this.fetch('/api/v1/auth/login', {
      json: { email, password: 'correct horse battery' },
    });
    if (response.status !== 200) throw new Error(`login failed: ${await response.text()}`);
  }

  async signOut() {
    await this.fetch('/api/v1/auth/logout', { json: {} });
  }
}

const decodeHtml = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The first form of a page: where it posts and its hidden fields. */
export function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in page: ${html.slice(0, 300)}`);
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    fields[match[1] as string] = decodeHtml(match[2] as string);
  }
  return { action: decodeHtml(action), fields };
}

/** A free port in the range tests may use (below the ephemeral range). */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

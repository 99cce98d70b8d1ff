import { expect } from 'vitest';

export type SentRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string;
};

type Response = {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
};

/** What only a server's insides would say: stack frames, SQL errors, file paths. */
const LEAKS = [
  /at .*\.(ts|js|mjs|cjs):\d+/,
  /syntax error at/i,
  /relation "/,
  /column "/,
  /violates [a-z ]*constraint/,
  /duplicate key value/,
  /invalid input syntax for/,
  /\/work\//,
  /node_modules/,
  /\bKysely|PGlite|node-postgres\b/,
];

/**
 * The promises the API keeps whatever it is sent: no 5xx, nothing of its insides in the answer
 * (unless the caller sent it and it came back as data), errors as `{ error: { code, message },
 * requestId }`, and no header a caller could forge by smuggling CR/LF.
 */
export function expectNoLeak(res: Response, request: SentRequest, label: string) {
  expect(res.statusCode, `${label}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
  const sent = `${request.url} ${JSON.stringify(request.headers)} ${request.payload ?? ''}`;
  const decoded = safeDecode(sent);
  for (const leak of LEAKS) {
    if (leak.test(res.body) && !leak.test(sent) && !leak.test(decoded))
      expect.fail(`${label}: the response shows ${leak}: ${res.body.slice(0, 500)}`);
  }
  expect(
    Object.keys(res.headers).filter((h) => /pwned/i.test(h)),
    `${label}: forged header`,
  ).toEqual([]);
  expect(String(res.headers['set-cookie'] ?? ''), `${label}: forged cookie`).not.toMatch(/pwned/);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type']), `${label}: error content type`).toMatch(
      /^application\/json/,
    );
    const body = JSON.parse(res.body) as unknown;
    expect(body, `${label}: error shape`).toMatchObject({
      error: { code: expect.any(String), message: expect.any(String) },
      requestId: expect.any(String),
    });
  }
}

function safeDecode(text: string) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

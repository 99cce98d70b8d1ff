import { describe, expect, it } from 'vitest';
import { createOAuthClientBodySchema, redirectUriProblem } from './oauth.js';

describe('redirect URIs', () => {
  it.each([
    'https://app.example.com/callback',
    'https://app.example.com:8443/cb?x=1',
    'http://localhost:8080/callback',
    'http://127.0.0.1/callback',
    'http://[::1]:3000/cb',
    'com.example.app:/oauth2redirect',
    'myapp://callback',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri)).toBeUndefined();
  });

  it.each([
    ['http://app.example.com/cb', 'must use https'],
    ['http://localhost.evil.com/cb', 'must use https'],
    ['https://app.example.com/cb#token', 'fragment'],
    ['javascript:alert(document.cookie)', 'javascript:'],
    ['data:text/html,<script>alert(1)</script>', 'data:'],
    ['file:///etc/passwd', 'file:'],
    ['/relative/callback', 'absolute URI'],
    ['not a uri', 'absolute URI'],
  ])('refuses %s', (uri, reason) => {
    expect(redirectUriProblem(uri)).toContain(reason);
  });
});

describe('client registration body', () => {
  it('defaults redirect URIs to none and leaves scopes to the server', () => {
    expect(createOAuthClientBodySchema.parse({ name: ' Script ', type: 'confidential' })).toEqual({
      name: 'Script',
      type: 'confidential',
      redirectUris: [],
    });
  });

  it('rejects unknown fields and scopes', () => {
    expect(
      createOAuthClientBodySchema.safeParse({ name: 'x', type: 'public', secret: 'mine' }).success,
    ).toBe(false);
    expect(
      createOAuthClientBodySchema.safeParse({ name: 'x', type: 'public', scopes: ['root'] })
        .success,
    ).toBe(false);
  });
});

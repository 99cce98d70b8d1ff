import { describe, expect, it } from 'vitest';
import { redactAccessToken } from './live.routes.js';

describe('redactAccessToken', () => {
  it('keeps a WebSocket client’s token out of logged URLs, and the rest of the URL as it was', () => {
    expect(redactAccessToken('/api/v1/ws?access_token=tsr_pat_secret')).toBe(
      '/api/v1/ws?access_token=[redacted]',
    );
    expect(redactAccessToken('/api/v1/ws?x=1&ACCESS_TOKEN=abc&y=2')).toBe(
      '/api/v1/ws?x=1&ACCESS_TOKEN=[redacted]&y=2',
    );
    expect(redactAccessToken('/api/v1/feed?q=access_token')).toBe('/api/v1/feed?q=access_token');
  });
});

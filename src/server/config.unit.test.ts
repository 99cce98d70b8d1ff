import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('the configuration was accepted');
}

describe('loadConfig: empty variables', () => {
  it('treats NAME= (or only spaces) as unset, so the default applies', () => {
    const config = loadConfig({ NODE_ENV: '', PORT: '', HOST: '  ', LOG_LEVEL: '', REDIS_URL: '' });
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.logLevel).toBe('info');
    expect(config.redisUrl).toBeUndefined();
  });

  it('still requires what an empty value leaves out', () => {
    expect(configError({ NODE_ENV: 'production', SESSION_SECRET: '' })).toBe(
      'Invalid configuration: SESSION_SECRET is required in production',
    );
  });
});

describe('loadConfig: bad values', () => {
  it('names the variable on one line, without its value', () => {
    const message = configError({ PORT: 'abc' });
    expect(message).toMatch(/^Invalid configuration: PORT: /);
    expect(message).not.toContain('\n');
    expect(message).not.toContain('abc');
  });

  it('names every bad variable at once', () => {
    const message = configError({ PORT: '70000', NODE_ENV: 'staging' });
    expect(message).toContain('PORT: ');
    expect(message).toContain('NODE_ENV: ');
    expect(message).not.toContain('\n');
  });
});

describe('loadConfig: rate limits', () => {
  it('has defaults for sign-in and for each class of API route', () => {
    expect(loadConfig({}).rateLimits).toEqual({
      authPerMinute: 20,
      readPerMinute: 1_200,
      writePerMinute: 300,
      anonymousPerMinute: 300,
      oauthPerMinute: 120,
    });
  });

  it('takes each from its variable', () => {
    const config = loadConfig({
      RATE_LIMIT_AUTH_PER_MINUTE: '5',
      RATE_LIMIT_READ_PER_MINUTE: '600',
      RATE_LIMIT_WRITE_PER_MINUTE: '60',
      RATE_LIMIT_ANONYMOUS_PER_MINUTE: '30',
      RATE_LIMIT_OAUTH_PER_MINUTE: '10',
    });
    expect(config.rateLimits).toEqual({
      authPerMinute: 5,
      readPerMinute: 600,
      writePerMinute: 60,
      anonymousPerMinute: 30,
      oauthPerMinute: 10,
    });
  });

  it.each(['0', '-1', '2.5', 'many'])('refuses %j, naming the variable', (value) => {
    expect(configError({ RATE_LIMIT_AUTH_PER_MINUTE: value })).toMatch(
      /^Invalid configuration: RATE_LIMIT_AUTH_PER_MINUTE: /,
    );
  });
});

describe('loadConfig: METRICS_TOKEN', () => {
  it('is unset by default and refuses a short token', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'm'.repeat(32) }).metricsToken).toBe('m'.repeat(32));
    expect(configError({ METRICS_TOKEN: 'secret' })).toMatch(/METRICS_TOKEN must be at least 32/);
  });
});

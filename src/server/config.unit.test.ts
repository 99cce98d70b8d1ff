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

describe('loadConfig: email', () => {
  it('sends no email unless SMTP is configured, and names a From address from PUBLIC_URL', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://work.example.org' });
    expect(config.mail.smtp).toBeUndefined();
    expect(config.mail.from).toBe('Tessera <no-reply@work.example.org>');
    expect(config.mail.requireEmailVerification).toBe(false);
  });

  it('reads SMTP_URL with its credentials, and TLS from smtps://', () => {
    const config = loadConfig({
      SMTP_URL: 'smtps://mailer%40example.org:p%3Ass@mail.example.org',
      MAIL_FROM: 'Work <work@example.org>',
    });
    expect(config.mail.smtp).toEqual({
      host: 'mail.example.org',
      port: 465,
      secure: true,
      user: 'mailer@example.org',
      password: 'p:ss',
    });
    expect(config.mail.from).toBe('Work <work@example.org>');
    expect(loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525' }).mail.smtp).toMatchObject({
      host: '127.0.0.1',
      port: 2525,
      secure: false,
      user: undefined,
    });
  });

  it('reads SMTP_HOST and the variables beside it', () => {
    const config = loadConfig({
      SMTP_HOST: 'mail.example.org',
      SMTP_USER: 'u',
      SMTP_PASSWORD: 'p',
    });
    expect(config.mail.smtp).toEqual({
      host: 'mail.example.org',
      port: 587,
      secure: false,
      user: 'u',
      password: 'p',
    });
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_PORT: '465' }).mail.smtp?.secure).toBe(true);
    expect(loadConfig({ SMTP_HOST: 'h', SMTP_SECURE: 'true' }).mail.smtp?.port).toBe(465);
  });

  it('refuses contradictions and half-configured SMTP with the variables named', () => {
    expect(configError({ SMTP_URL: 'http://mail.example.org' })).toMatch(
      /^Invalid configuration: SMTP_URL: must start with smtp:\/\//,
    );
    expect(configError({ SMTP_URL: 'smtp://a', SMTP_HOST: 'b', SMTP_PORT: '25' })).toBe(
      'Invalid configuration: SMTP_URL already says how to reach the mail server; leave out SMTP_HOST, SMTP_PORT',
    );
    expect(configError({ SMTP_USER: 'u', SMTP_PASSWORD: 'p' })).toBe(
      'Invalid configuration: SMTP_USER, SMTP_PASSWORD set without SMTP_HOST (or use SMTP_URL)',
    );
    expect(configError({ SMTP_HOST: 'h', SMTP_USER: 'u' })).toBe(
      'Invalid configuration: SMTP_USER and SMTP_PASSWORD go together: set both or neither',
    );
    const secretKept = configError({ SMTP_HOST: 'h', SMTP_PORT: 'hunter2' });
    expect(secretKept).toMatch(/SMTP_PORT/);
    expect(secretKept).not.toContain('hunter2');
  });

  it('refuses to require verified email in production when no email can be sent', () => {
    const production = {
      NODE_ENV: 'production',
      SESSION_SECRET: 'x'.repeat(32),
      ACCESS_KEY_ENCRYPTION_KEY: 'y'.repeat(32),
    };
    expect(configError({ ...production, REQUIRE_EMAIL_VERIFICATION: 'true' })).toBe(
      'Invalid configuration: REQUIRE_EMAIL_VERIFICATION needs email: set SMTP_URL or SMTP_HOST',
    );
    expect(
      loadConfig({ ...production, REQUIRE_EMAIL_VERIFICATION: 'on', SMTP_HOST: 'mail' }).mail
        .requireEmailVerification,
    ).toBe(true);
  });
});

describe('webhook targets', () => {
  it('keeps webhooks off private addresses unless the operator allows them', () => {
    expect(loadConfig({}).webhooksAllowPrivateTargets).toBe(false);
    expect(loadConfig({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'on' }).webhooksAllowPrivateTargets).toBe(
      true,
    );
    expect(() => loadConfig({ WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'maybe' })).toThrow(
      /WEBHOOKS_ALLOW_PRIVATE_TARGETS/,
    );
  });
});

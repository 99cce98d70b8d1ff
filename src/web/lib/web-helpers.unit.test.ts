import { describe, expect, it } from 'vitest';
import { signupBodySchema } from '../../shared/api/accounts.js';
import { ApiError } from '../api/client.js';
import { countOf } from './format.js';
import { serverFieldErrors, zodValidator } from './forms.js';
import { paths, safeNextPath, signInPathFor } from './paths.js';
import { homePathFor } from './roles.js';

describe('safeNextPath', () => {
  it('follows paths inside the app', () => {
    expect(safeNextPath('/settings')).toBe('/settings');
    expect(safeNextPath('/u/ada?tab=1')).toBe('/u/ada?tab=1');
  });

  it('refuses anything that could leave the site', () => {
    for (const next of [
      null,
      '',
      'https://evil.test',
      '//evil.test',
      '/\\evil.test',
      'settings',
      '/\t/evil.test',
      '/\n/evil.test',
      '/\r\n/evil.test',
      '/x\\..\\..\\evil',
    ]) {
      expect(safeNextPath(next)).toBeUndefined();
    }
  });

  it('builds the sign-in address with the page to come back to', () => {
    expect(signInPathFor('/settings')).toBe('/signin?next=%2Fsettings');
    expect(signInPathFor('/')).toBe('/signin');
    expect(signInPathFor('/projects/p1/design', 'expired')).toBe(
      '/signin?reason=expired&next=%2Fprojects%2Fp1%2Fdesign',
    );
  });
});

describe('homePathFor', () => {
  it('sends each role to its own area, workers first', () => {
    expect(homePathFor({ roles: ['worker'] })).toBe(paths.worker.findWork);
    expect(homePathFor({ roles: ['requester'] })).toBe(paths.requester.projects);
    expect(homePathFor({ roles: ['requester', 'worker'] })).toBe(paths.worker.findWork);
    expect(homePathFor({ roles: ['admin'] })).toBe(paths.admin.users);
  });
});

describe('form errors', () => {
  it('maps the API’s field issues to body fields, first message wins', () => {
    const error = new ApiError(400, 'invalid_input', 'Invalid input', [
      { path: 'body.email', message: 'must be a valid email address' },
      { path: 'body.email', message: 'must be at most 254 characters' },
      { path: 'body.roles.0', message: 'is invalid' },
      { path: 'query.limit', message: 'is too big' },
      'not an issue',
    ]);
    expect(serverFieldErrors(error)).toEqual({
      email: 'Must be a valid email address',
      roles: 'Is invalid',
    });
  });

  it('finds no field errors in other failures', () => {
    expect(serverFieldErrors(new ApiError(500, 'internal', 'Oops'))).toEqual({});
    expect(serverFieldErrors(new Error('network'))).toEqual({});
  });

  it('checks a form with the same schema as the API', () => {
    const validate = zodValidator(signupBodySchema);
    expect(
      validate({
        email: 'ada@example.org',
        password: 'long enough!',
        displayName: 'Ada',
        roles: [],
      }),
    ).toEqual({ roles: 'Choose at least one role: worker or requester' });
    expect(
      validate({
        email: 'ada@example.org',
        password: 'long enough!',
        displayName: 'Ada',
        roles: ['worker'],
      }),
    ).toEqual({});
  });
});

describe('countOf', () => {
  it('puts the noun in the number of its count', () => {
    expect(countOf(1, 'task')).toBe('1 task');
    expect(countOf(0, 'task')).toBe('0 tasks');
    expect(countOf(1200, 'worker')).toBe('1,200 workers');
    expect(countOf(2, 'reply', 'replies')).toBe('2 replies');
  });
});

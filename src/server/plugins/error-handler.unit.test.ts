import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, FieldProblems, fieldProblems, ValidationError } from '../errors.js';
import errorHandler from './error-handler.js';

describe('field problems in error answers', () => {
  const app = Fastify();

  beforeAll(async () => {
    await app.register(errorHandler);
    app.route({
      method: ['GET', 'DELETE', 'POST', 'PUT', 'PATCH'],
      url: '/handle',
      handler: () => {
        throw new ConflictError(
          'handle_taken',
          'That handle is already taken.',
          fieldProblems({ handle: 'is already taken' }),
        );
      },
    });
    app.post('/answers', () => {
      throw new ValidationError(
        'Invalid answers — q1: is required; q1: is too short',
        new FieldProblems([
          { field: 'answers.q1', message: 'is required' },
          { field: 'answers.q1', message: 'is too short' },
        ]),
        'invalid_answers',
      );
    });
    app.post('/plain', () => {
      throw new ConflictError('insufficient_funds', 'Not enough funds.', { neededCents: 5 });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it.each(['POST', 'PUT', 'PATCH'] as const)('places them in the body of a %s', async (method) => {
    const response = await app.inject({ method, url: '/handle', payload: { handle: 'ada' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().error).toEqual({
      code: 'handle_taken',
      message: 'That handle is already taken.',
      details: [{ path: 'body.handle', message: 'is already taken' }],
    });
  });

  it.each(['GET', 'DELETE'] as const)('places them in the query of a %s', async (method) => {
    const response = await app.inject({ method, url: '/handle?handle=ada' });
    expect(response.statusCode).toBe(409);
    expect(response.json().error.details).toEqual([
      { path: 'query.handle', message: 'is already taken' },
    ]);
  });

  it('keeps every problem in order, two on one field included', async () => {
    const response = await app.inject({ method: 'POST', url: '/answers', payload: {} });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toEqual({
      code: 'invalid_answers',
      message: 'Invalid answers — q1: is required; q1: is too short',
      details: [
        { path: 'body.answers.q1', message: 'is required' },
        { path: 'body.answers.q1', message: 'is too short' },
      ],
    });
  });

  it('leaves other details as the error gave them', async () => {
    const response = await app.inject({ method: 'POST', url: '/plain', payload: {} });
    expect(response.json().error.details).toEqual({ neededCents: 5 });
  });
});

import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../test/helpers/app.js';

type Operation = { security?: Record<string, string[]>[] };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { securitySchemes: Record<string, { type: string; flows?: object }> };
};

const { app } = await createTestApp();

async function openApiDocument(): Promise<Document> {
  const response = await app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  expect(response.statusCode).toBe(200);
  return response.json<Document>();
}

describe('the OpenAPI document', () => {
  it('offers OAuth 2.0 with the authorization server’s own endpoints', async () => {
    const { components } = await openApiDocument();
    const oauth2 = components.securitySchemes.oauth2;
    expect(oauth2?.type).toBe('oauth2');
    expect(oauth2?.flows).toMatchObject({
      authorizationCode: {
        authorizationUrl: expect.stringMatching(/\/oauth\/authorize$/),
        tokenUrl: expect.stringMatching(/\/oauth\/token$/),
        scopes: expect.objectContaining({ 'work:write': expect.any(String) }),
      },
      clientCredentials: { tokenUrl: expect.stringMatching(/\/oauth\/token$/) },
    });
  });

  it('names the scope each route needs, as the server enforces it', async () => {
    const { paths } = await openApiDocument();
    expect(paths['/api/v1/me']?.get?.security).toEqual(
      expect.arrayContaining([{ session: [] }, { bearer: ['profile'] }, { oauth2: ['profile'] }]),
    );
    expect(paths['/api/v1/assignments/{id}/bonus']?.post?.security).toEqual(
      expect.arrayContaining([{ oauth2: ['review:write'] }]),
    );
  });

  it('marks public routes as needing no credentials', async () => {
    const { paths } = await openApiDocument();
    expect(paths['/api/v1/auth/login']?.post?.security).toEqual([]);
  });

  it('gives every operation a security statement', async () => {
    const { paths } = await openApiDocument();
    const missing = Object.entries(paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.security === undefined)
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(missing).toEqual([]);
  });
});

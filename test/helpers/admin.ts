import { createServices } from '../../src/server/app.js';
import type { TestContext } from './app.js';
import { Client, TEST_PASSWORD } from './app.js';

/** An admin made the way an operator makes one (`tessera create-admin`), signed in. */
export async function signInAsAdmin(ctx: TestContext, email = `admin-${Date.now()}@example.com`) {
  const { accounts } = createServices({
    db: ctx.database.db,
    clock: ctx.clock,
    config: ctx.config,
  });
  const { user } = await accounts.createAdmin({
    email,
    password: TEST_PASSWORD,
    displayName: 'Admin',
  });
  const client = new Client(ctx.app);
  const response = await client.post('/api/v1/auth/login', { email, password: TEST_PASSWORD });
  if (response.statusCode !== 200) throw new Error(`admin login failed: ${response.body}`);
  return { client, user };
}

// Runs docs/examples/mturk_boto3.py and the guide's AWS CLI commands against a fresh local
// Tessera, with real workers in between, and prints what they printed: the output docs/mturk.md
// shows comes from here. `npx tsx scripts/mturk-guide.ts` (needs python3-boto3 and awscli,
// Debian's packages). PORT (default 22602) is where the throwaway server listens.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const port = Number(process.env.PORT ?? 22602);
const base = `http://127.0.0.1:${port}`;
const endpoint = `${base}/mturk`;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-mturk-guide-'));

/** A signed-in browser-like client: the session cookie and the CSRF double-submit header. */
class Session {
  private cookies = new Map<string, string>();

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    const csrf = this.cookies.get('csrf_token');
    if (csrf) headers['x-csrf-token'] = csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}/api/v1${path}`, {
      method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return text === '' ? (undefined as T) : (JSON.parse(text) as T); // the caller names the shape it reads
  }
}

async function signUp(name: string, roles: string[]) {
  const session = new Session();
  await session.call('POST', '/auth/signup', {
    email: `${name}@guide.example`,
    password: 'a long enough password',
    displayName: name,
    roles,
  });
  return session;
}

function run(command: string, args: string[], env: Record<string, string>): string {
  const output = execFileSync(command, args, {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  process.stdout.write(`$ ${[command, ...args].join(' ')}\n${output}\n`);
  return output;
}

const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/tessera.ts', 'serve'], {
  env: {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    PUBLIC_URL: base,
    LOG_LEVEL: 'warn',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
try {
  for (let i = 0; ; i++) {
    const up = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    if (i > 600) throw new Error('the server did not start in five minutes');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const requester = await signUp('requester', ['requester']);
  await requester.call('POST', '/me/deposits', { amountCents: 50_00 });
  const key = await requester.call<{ accessKeyId: string; secretAccessKey: string }>(
    'POST',
    '/me/access-keys',
    { name: 'guide' },
  );
  const aws = {
    AWS_ACCESS_KEY_ID: key.accessKeyId,
    AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
    AWS_DEFAULT_REGION: 'us-east-1',
  };
  const created = run('python3', ['docs/examples/mturk_boto3.py', 'create', endpoint], aws);
  const hitId = created.split('\n')[1]?.split(' ')[0] ?? '';
  const { HITGroupId } = JSON.parse(
    run(
      'aws',
      [
        'mturk',
        'get-hit',
        '--endpoint-url',
        endpoint,
        '--hit-id',
        hitId,
        '--query',
        'HIT.{HITGroupId:HITGroupId}',
      ],
      aws,
    ),
  ) as { HITGroupId: string }; // --query names the one field
  for (const [i, answer] of ['yes', 'no'].entries()) {
    const worker = await signUp(`worker${i + 1}`, ['worker']);
    const assignment = await worker.call<{ id: string }>(
      'POST',
      `/projects/${HITGroupId}/assignments`,
    );
    await worker.call('POST', `/assignments/${assignment.id}/submit`, { answers: { cat: answer } });
  }
  run('python3', ['docs/examples/mturk_boto3.py', 'review', endpoint, hitId], aws);
  run('aws', ['mturk', 'get-account-balance', '--endpoint-url', endpoint], aws);
  run(
    'aws',
    [
      'mturk',
      'list-hits',
      '--endpoint-url',
      endpoint,
      '--max-results',
      '1',
      '--query',
      'HITs[].[HITId,HITStatus,Reward]',
      '--output',
      'text',
    ],
    aws,
  );
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}

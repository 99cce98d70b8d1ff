import { createServer, type IncomingHttpHeaders } from 'node:http';
import { afterAll } from 'vitest';

export type ReceivedWebhook = { headers: IncomingHttpHeaders; body: string };

/**
 * A webhook receiver on 127.0.0.1:`port` that records every request and answers what the test
 * says (`answer` may change between deliveries). Closed after the file's tests.
 */
export async function startWebhookReceiver(port: number) {
  const received: ReceivedWebhook[] = [];
  let answer = { status: 200, body: 'ok' };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(answer.status, { 'content-type': 'text/plain' });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    answerWith(status: number, body = '') {
      answer = { status, body };
    },
  };
}

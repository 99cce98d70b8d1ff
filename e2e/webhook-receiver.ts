import { createServer, type IncomingHttpHeaders } from 'node:http';
import { E2E_PORT } from './env.js';

/** Where the webhook specs' receiver listens: beside the server's own ports. */
export const WEBHOOK_RECEIVER_PORT = Number(process.env.E2E_WEBHOOK_PORT ?? E2E_PORT + 10);

/** A webhook receiver on this machine that records what it gets and answers 200 "received". */
export async function startWebhookReceiver() {
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('received');
    });
  });
  await new Promise<void>((resolve) => server.listen(WEBHOOK_RECEIVER_PORT, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${WEBHOOK_RECEIVER_PORT}/tessera-events`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { WEBHOOK_LIMITS } from '../../../shared/api/webhooks.js';
import type { WebhookTarget } from './webhook-target.js';

/** What one POST came to: the receiver's status and the start of its body, or why there was none. */
export type SendOutcome =
  { kind: 'answered'; statusCode: number; body: string } | { kind: 'unreachable'; error: string };

export type WebhookMessage = { id: string; timestamp: Date; body: string };

export type WebhookSender = (
  target: WebhookTarget,
  secret: string,
  message: WebhookMessage,
) => Promise<SendOutcome>;

/** The Standard Webhooks headers for one message: the same id on every attempt, a fresh signature. */
export function signedHeaders(secret: string, message: WebhookMessage): Record<string, string> {
  return {
    'webhook-id': message.id,
    'webhook-timestamp': String(Math.floor(message.timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(message.id, message.timestamp, message.body),
  };
}

/**
 * POSTs signed JSON to the target's checked address (the URL's host still names the site, for
 * Host and TLS). Redirects are not followed (a 3xx is an answer like any other), the whole
 * exchange has a deadline, and only the first KiB of the answer is read.
 */
export function createWebhookSender(options: { timeoutMs: number }): WebhookSender {
  return (target, secret, message) =>
    new Promise((resolve) => {
      const pinned: LookupFunction = (_host, lookupOptions, callback) => {
        // net.connect asks for every address when it may try several families; give only ours.
        if (lookupOptions.all) callback(null, [{ address: target.address, family: target.family }]);
        else callback(null, target.address, target.family);
      };
      const client = target.url.protocol === 'https:' ? https : http;
      let settled = false;
      const finish = (outcome: SendOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        resolve(outcome);
      };
      const request = client.request(target.url, {
        method: 'POST',
        lookup: pinned,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Tessera-Webhooks',
          ...signedHeaders(secret, message),
        },
      });
      const deadline = setTimeout(() => {
        request.destroy();
        finish({ kind: 'unreachable', error: `no answer within ${options.timeoutMs / 1000} s` });
      }, options.timeoutMs);
      request.on('error', (error: NodeJS.ErrnoException) =>
        finish({ kind: 'unreachable', error: error.code ?? error.message }),
      );
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        let length = 0;
        const done = () =>
          finish({
            kind: 'answered',
            statusCode: response.statusCode ?? 0,
            body: Buffer.concat(chunks)
              .subarray(0, WEBHOOK_LIMITS.responseBodyMax)
              .toString('utf8'),
          });
        response.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          length += chunk.length;
          if (length >= WEBHOOK_LIMITS.responseBodyMax) {
            done();
            request.destroy();
          }
        });
        response.on('end', done);
        response.on('error', done);
      });
      request.end(message.body);
    });
}

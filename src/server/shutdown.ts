import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';

export type GracefulClose = {
  /** Resolves once the app is closed; `cutConnections` is how many sockets the bound cut off. */
  close(): Promise<{ cutConnections: number }>;
};

/**
 * Makes an app's stop graceful and bounded. Call before `listen`.
 *
 * On `close()` (Fastify's close underneath): the listening socket closes at once, so new
 * connections are refused; a request arriving on a kept-alive connection is answered 503
 * without reaching a handler; requests in flight run to the end and their answers go out with
 * `Connection: close`, so their clients do not hold the process for a keep-alive timeout;
 * `preClose` hooks close WebSockets with "going away"; then `onClose` hooks stop the sweeps.
 * Whatever is still connected after `timeoutMs` (a slow upload, a client that never finishes
 * its request, a WebSocket peer that does not answer the close) is destroyed, so the process
 * stops within the bound. A request cut off that way was never acknowledged to its client, and
 * its transaction either committed whole or not at all.
 */
export function boundedClose(app: FastifyInstance, timeoutMs: number): GracefulClose {
  const sockets = new Set<Socket>();
  const inFlight = new Set<ServerResponse>();
  let closing = false;

  app.server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  app.server.on('request', (_request: IncomingMessage, response: ServerResponse) => {
    if (closing) return endAfter(response);
    inFlight.add(response);
    response.once('close', () => inFlight.delete(response));
  });

  /** This connection ends once its response is out: no next request on it. */
  function endAfter(response: ServerResponse) {
    if (!response.headersSent) response.setHeader('connection', 'close');
    else response.once('finish', () => response.socket?.end());
  }

  return {
    async close() {
      closing = true;
      for (const response of inFlight) endAfter(response);
      let cutConnections = 0;
      const deadline = setTimeout(() => {
        cutConnections = sockets.size;
        app.log.warn(
          { timeoutMs, connections: cutConnections },
          'requests still in flight at the shutdown bound; closing their connections',
        );
        for (const socket of sockets) socket.destroy();
      }, timeoutMs);
      try {
        await app.close();
      } finally {
        clearTimeout(deadline);
      }
      return { cutConnections };
    },
  };
}

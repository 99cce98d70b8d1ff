import type { FastifyPluginAsync } from 'fastify';
import { messageEndpoints as endpoints } from '../../../shared/api/messages.js';
import { serveEndpoint } from '../../lib/endpoint-route.js';
import { requireUser } from '../../plugins/auth.js';
import { presentMessage, presentThread } from './messages.presenters.js';
import type { MessagesService } from './messages.service.js';

export const messagesRoutes: FastifyPluginAsync<{ messages: MessagesService }> = async (
  app,
  { messages },
) => {
  serveEndpoint(app, endpoints.send, async (request) => {
    const sent = await messages.send(requireUser(request).user, request.body);
    return {
      thread: presentThread({ ...sent.thread, last: sent.message }),
      message: presentMessage(sent.message),
    };
  });

  serveEndpoint(app, endpoints.broadcast, async (request) =>
    messages.broadcast(requireUser(request).user, request.params.id, request.body.body),
  );

  serveEndpoint(app, endpoints.threads, async (request) => {
    const page = await messages.threads(requireUser(request).user.id, request.query);
    return {
      items: page.items.map(presentThread),
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    };
  });

  serveEndpoint(app, endpoints.unreadCount, async (request) => ({
    unreadCount: await messages.unreadCount(requireUser(request).user.id),
  }));

  serveEndpoint(app, endpoints.thread, async (request) => {
    const view = await messages.thread(
      requireUser(request).user.id,
      request.params.id,
      request.query,
    );
    return {
      thread: presentThread({ ...view.thread, last: view.last }),
      messages: view.messages.map(presentMessage),
      nextCursor: view.nextCursor,
    };
  });

  serveEndpoint(app, endpoints.mute, async (request) => {
    await messages.mute(requireUser(request).user.id, request.params.id, request.body.muted);
    return { ok: true as const };
  });
};

import type { FastifyPluginAsync } from 'fastify';
import { messageEndpoints as endpoints } from '../../../shared/api/messages.js';
import { serveSignedIn } from '../../lib/signed-in-route.js';
import { presentMessage, presentThread } from './messages.presenters.js';
import type { MessagesService } from './messages.service.js';

export const messagesRoutes: FastifyPluginAsync<{ messages: MessagesService }> = async (
  app,
  { messages },
) => {
  serveSignedIn(app, endpoints.send, async (request, { user }) => {
    const sent = await messages.send(user, request.body);
    return {
      thread: presentThread({ ...sent.thread, last: sent.message }),
      message: presentMessage(sent.message),
    };
  });

  serveSignedIn(app, endpoints.broadcast, async (request, { user }) =>
    messages.broadcast(user, request.params.id, request.body.body),
  );

  serveSignedIn(app, endpoints.threads, async (request, { user }) => {
    const page = await messages.threads(user.id, request.query);
    return {
      items: page.items.map(presentThread),
      nextCursor: page.nextCursor,
      unreadCount: page.unreadCount,
    };
  });

  serveSignedIn(app, endpoints.unreadCount, async (_request, { user }) => ({
    unreadCount: await messages.unreadCount(user.id),
  }));

  serveSignedIn(app, endpoints.thread, async (request, { user }) => {
    const view = await messages.thread(user.id, request.params.id, request.query);
    return {
      thread: presentThread({ ...view.thread, last: view.last }),
      messages: view.messages.map(presentMessage),
      nextCursor: view.nextCursor,
    };
  });

  serveSignedIn(app, endpoints.mute, async (request, { user }) => {
    await messages.mute(user.id, request.params.id, request.body.muted);
    return { ok: true as const };
  });
};

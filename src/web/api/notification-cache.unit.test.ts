import { describe, expect, it } from 'vitest';
import type { Notification } from '../../shared/api/notifications.js';
import { withReadState, type NotificationPages } from './notification-cache.js';

const READ_AT = '2026-11-20T10:00:00.000Z';

function note(id: string, readAt: string | null = null): Notification {
  return {
    id,
    kind: 'assignment_approved',
    title: `Notification ${id}`,
    body: '',
    link: null,
    readAt,
    createdAt: '2026-11-20T09:00:00.000Z',
  };
}

function pages(...lists: Notification[][]): NotificationPages {
  return {
    pages: lists.map((items) => ({ items, nextCursor: null, unreadCount: 0 })),
    pageParams: lists.map(() => undefined),
  };
}

const readStates = (data: NotificationPages | undefined) =>
  data?.pages.map((page) => page.items.map((n) => `${n.id}:${n.readAt ? 'read' : 'unread'}`));

describe('withReadState', () => {
  it('marks the listed notifications read across pages and leaves the rest alone', () => {
    const data = pages([note('a'), note('b')], [note('c')]);
    const next = withReadState(data, { ids: ['a', 'c'], readAt: READ_AT, unreadOnly: false });
    expect(readStates(next)).toEqual([['a:read', 'b:unread'], ['c:read']]);
    expect(next?.pages[0]?.items[0]?.readAt).toBe(READ_AT);
  });

  it('keeps the first read time of one already read, and marks all when asked', () => {
    const earlier = '2026-11-19T08:00:00.000Z';
    const next = withReadState(pages([note('a', earlier), note('b')]), {
      ids: 'all',
      readAt: READ_AT,
      unreadOnly: false,
    });
    expect(next?.pages[0]?.items.map((n) => n.readAt)).toEqual([earlier, READ_AT]);
  });

  it('marks unread again', () => {
    const next = withReadState(pages([note('a', READ_AT)]), {
      ids: ['a'],
      readAt: null,
      unreadOnly: false,
    });
    expect(readStates(next)).toEqual([['a:unread']]);
  });

  it('drops notifications marked read from a list of unread ones', () => {
    const next = withReadState(pages([note('a'), note('b')]), {
      ids: ['a'],
      readAt: READ_AT,
      unreadOnly: true,
    });
    expect(readStates(next)).toEqual([['b:unread']]);
  });

  it('leaves an empty cache empty', () => {
    expect(withReadState(undefined, { ids: 'all', readAt: READ_AT, unreadOnly: false })).toBe(
      undefined,
    );
  });
});

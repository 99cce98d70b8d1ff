import { describe, expect, it } from 'vitest';
import { reconnectDelay, refreshFor, RECONNECT } from './live-refresh.js';

describe('reconnectDelay', () => {
  it('grows exponentially up to the cap, with the whole range jittered', () => {
    expect(reconnectDelay(0, () => 1)).toBe(RECONNECT.firstDelayMs);
    expect(reconnectDelay(3, () => 1)).toBe(RECONNECT.firstDelayMs * 8);
    expect(reconnectDelay(20, () => 1)).toBe(RECONNECT.maxDelayMs);
    expect(reconnectDelay(20, () => 0)).toBe(0);
    expect(reconnectDelay(4, () => 0.5)).toBe(RECONNECT.firstDelayMs * 8);
  });
});

describe('refreshFor', () => {
  it('spreads marketplace refreshes and refreshes a user’s own views at once', () => {
    expect(refreshFor({ type: 'feed.changed', projectId: 'p1', change: 'paused' })).toEqual({
      now: [],
      spread: [
        ['work', 'feed'],
        ['work', 'preview', 'p1'],
      ],
    });
    const own = refreshFor({
      type: 'assignment.updated',
      assignmentId: 'a1',
      projectId: 'p1',
      status: 'approved',
    });
    expect(own.spread).toEqual([]);
    expect(own.now).toEqual(
      expect.arrayContaining([
        ['work', 'mine'],
        ['work', 'assignment', 'a1'],
        ['me', 'earnings'],
      ]),
    );
  });

  it('refreshes the requester’s project, its review list and their money on progress', () => {
    const { now } = refreshFor({ type: 'project.progress', projectId: 'p1', change: 'submitted' });
    expect(now).toEqual(
      expect.arrayContaining([
        ['projects', 'one', 'p1'],
        ['review', 'p1'],
        ['me', 'balance'],
      ]),
    );
  });

  it('refreshes every notification view when one arrives', () => {
    const { now } = refreshFor({
      type: 'notification.created',
      notificationId: 'n1',
      kind: 'bonus_received',
    });
    expect(now).toEqual([['me', 'notifications']]);
  });
});

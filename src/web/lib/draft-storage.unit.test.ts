import { describe, expect, it } from 'vitest';
import { clearDraftsOf, draftKey, readDraft, writeDraft } from './draft-storage.js';

/** The Storage interface over a Map, standing in for the browser's localStorage. */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    get length() {
      return items.size;
    },
    key: (index: number) => [...items.keys()][index] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const isText = (value: unknown): value is string => typeof value === 'string';
const NOW = new Date('2026-12-06T08:00:00Z');
const DAY = 24 * 3600 * 1000;

describe('kept drafts', () => {
  it('are read back with the time they were kept', () => {
    const store = memoryStorage();
    const key = draftKey('user-1', 'project-1', 'design');
    writeDraft(key, 'edited', NOW, store);
    expect(readDraft(key, isText, new Date(NOW.getTime() + 60_000), store)).toEqual({
      savedAt: NOW.toISOString(),
      value: 'edited',
    });
  });

  it('belong to one user: another user’s key finds nothing', () => {
    const store = memoryStorage();
    writeDraft(draftKey('user-1', 'project-1', 'design'), 'mine', NOW, store);
    expect(readDraft(draftKey('user-2', 'project-1', 'design'), isText, NOW, store)).toBeNull();
  });

  it('are dropped when older than a week, unreadable or of the wrong shape', () => {
    const store = memoryStorage();
    const key = draftKey('u', 'p', 'design');
    writeDraft(key, 'old', NOW, store);
    expect(readDraft(key, isText, new Date(NOW.getTime() + 8 * DAY), store)).toBeNull();
    expect(store.items.size).toBe(0);

    store.setItem(key, '{not json');
    expect(readDraft(key, isText, NOW, store)).toBeNull();
    writeDraft(key, 42, NOW, store);
    expect(readDraft(key, isText, NOW, store)).toBeNull();
    expect(store.items.size).toBe(0);
  });

  it('are all forgotten for a user who signs out, and only theirs', () => {
    const store = memoryStorage();
    writeDraft(draftKey('u1', 'p1', 'design'), 'a', NOW, store);
    writeDraft(draftKey('u1', 'p2', 'settings'), 'b', NOW, store);
    writeDraft(draftKey('u10', 'p1', 'design'), 'c', NOW, store);
    store.setItem('unrelated', 'x');
    clearDraftsOf('u1', store);
    expect([...store.items.keys()].sort()).toEqual([draftKey('u10', 'p1', 'design'), 'unrelated']);
  });

  it('work without storage at all (switched off by the browser)', () => {
    writeDraft('k', 'v', NOW, null);
    expect(readDraft('k', isText, NOW, null)).toBeNull();
    expect(() => clearDraftsOf('u', null)).not.toThrow();
  });
});

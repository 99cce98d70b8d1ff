import { isRecord } from './narrow.js';

/**
 * Unsaved edits kept on this device, so a session that expires mid-edit (or a reload) loses
 * nothing: the page offers them back once its owner returns. Keyed by user, so another account
 * on the same browser never sees them, and dropped after a week or on signing out.
 */
const PREFIX = 'tessera.draft.v1.';
const MAX_AGE_MS = 7 * 24 * 3600 * 1000;

export type StoredDraft<T> = { savedAt: string; value: T };

/** Where drafts live: the browser's localStorage, or any Storage (a test's). */
type DraftStore = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function browserStore(): DraftStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Storage can be switched off; the page then works without keeping drafts.
    return null;
  }
}

export function draftKey(userId: string, ...parts: string[]): string {
  return `${PREFIX}${[userId, ...parts].map(encodeURIComponent).join('.')}`;
}

export function writeDraft<T>(
  key: string,
  value: T,
  now = new Date(),
  store = browserStore(),
): void {
  try {
    store?.setItem(key, JSON.stringify({ savedAt: now.toISOString(), value }));
  } catch {
    // Full or refused storage: the draft is only a safety net.
  }
}

/** The draft under `key`, if one is there, readable, younger than a week and `isValue`. */
export function readDraft<T>(
  key: string,
  isValue: (value: unknown) => value is T,
  now = new Date(),
  store = browserStore(),
): StoredDraft<T> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(store?.getItem(key) ?? 'null');
  } catch {
    parsed = null;
  }
  if (!isRecord(parsed)) return null;
  const { savedAt, value } = parsed;
  const time = typeof savedAt === 'string' ? Date.parse(savedAt) : NaN;
  if (
    typeof savedAt !== 'string' ||
    Number.isNaN(time) ||
    now.getTime() - time > MAX_AGE_MS ||
    !isValue(value)
  ) {
    store?.removeItem(key);
    return null;
  }
  return { savedAt, value };
}

export function clearDraft(key: string, store = browserStore()): void {
  store?.removeItem(key);
}

/** Forgets every draft of one user: they signed out on purpose. */
export function clearDraftsOf(userId: string, store = browserStore()): void {
  if (!store) return;
  const prefix = draftKey(userId, '');
  const keys: string[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key?.startsWith(prefix)) keys.push(key);
  }
  for (const key of keys) store.removeItem(key);
}

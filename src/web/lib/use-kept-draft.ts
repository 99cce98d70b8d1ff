import { useCallback, useEffect, useRef, useState } from 'react';
import { clearDraft, readDraft, writeDraft, type StoredDraft } from './draft-storage.js';

/**
 * Keeps a page's unsaved edits on this device while they differ from what is saved, and offers
 * back the ones a previous visit left behind. `key` is null when there is nothing to key by.
 */
export function useKeptDraft<T>(options: {
  key: string | null;
  current: T;
  dirty: boolean;
  isValue: (value: unknown) => value is T;
  /** Whether a kept draft still says something the saved state does not. */
  differsFromSaved: (value: T) => boolean;
}) {
  const { key, current, dirty, isValue, differsFromSaved } = options;
  const [offer, setOffer] = useState<StoredDraft<T> | null>(() => {
    if (!key) return null;
    const kept = readDraft(key, isValue);
    if (kept && differsFromSaved(kept.value)) return kept;
    if (kept) clearDraft(key);
    return null;
  });
  const forgotten = useRef(false);

  useEffect(() => {
    // Until the offer is answered, the kept draft stays as it is.
    if (!key || offer || forgotten.current) return;
    if (dirty) writeDraft(key, current);
    else clearDraft(key);
  }, [key, current, dirty, offer]);

  /** The kept edits, taken back: they become the page's edits (and are kept again from there). */
  const accept = useCallback((): T | null => {
    setOffer(null);
    return offer?.value ?? null;
  }, [offer]);

  const dismiss = useCallback(() => {
    if (key) clearDraft(key);
    setOffer(null);
  }, [key]);

  /** The user chose to leave the edits behind: nothing is kept from now on. */
  const forget = useCallback(() => {
    forgotten.current = true;
    if (key) clearDraft(key);
  }, [key]);

  return { offer, accept, dismiss, forget };
}

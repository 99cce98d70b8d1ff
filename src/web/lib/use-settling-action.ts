import { useState } from 'react';

/**
 * An action a dialog waits for: busy until it settles, then `onDone` on success or the failure
 * kept to show in the dialog (which stays open so the person can try again).
 */
export function useSettlingAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (action: () => Promise<unknown>, onDone: () => void) => {
    setError(null);
    setBusy(true);
    try {
      await action();
      onDone();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run, clearError: () => setError(null) };
}

import { useState } from 'react';

/**
 * Cursor pagination with a way back: the cursors of the pages before this one are kept, so
 * "Previous" needs no offsets.
 */
export function useCursorTrail() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    /** 1 for the first page. */
    page: cursors.length,
    back: () => setCursors((trail) => trail.slice(0, -1)),
    forward: (next: string) => setCursors((trail) => [...trail, next]),
    restart: () => setCursors([undefined]),
  };
}

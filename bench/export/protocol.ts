/** Messages between the export bench (./index.ts) and its server process (./server.ts). */
export type MemoryPeak = {
  rss: number;
  heapTotal: number;
  /** The largest JS heap left after a full collection: live data, garbage excluded. */
  liveAfterGc: number;
};

export type FromServer =
  | {
      type: 'ready';
      kind: 'postgres' | 'pglite';
      port: number;
      projectId: string;
      headers: Record<string, string>;
      seeded: number;
      seedMs: number;
    }
  | { type: 'measuring'; rssBefore: number }
  | { type: 'memory'; peak: MemoryPeak }
  | { type: 'baseline'; rows: number; ms: number; peak: MemoryPeak };

export type FromParent = { type: 'measure' | 'read' | 'baseline' | 'exit' };

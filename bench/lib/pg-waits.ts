/**
 * What a benchmark's PostgreSQL sessions are doing, sampled: every few milliseconds a separate
 * connection reads pg_stat_activity for one database and counts each busy backend by its wait
 * event (a lock, WAL flush, I/O, a client it waits for) or "running" when it waits on nothing.
 * The shares say where statements spend their time without instrumenting the server.
 */
import pg from 'pg';

export type WaitSampler = { stop(): Promise<string> };

export async function sampleWaits(url: string, everyMs = 20): Promise<WaitSampler> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const { rows } = await client.query<{ what: string; n: string }>(
        `select coalesce(wait_event_type || ':' || wait_event, 'running') || ' — ' ||
                left(regexp_replace(query, '\\s+', ' ', 'g'), 48) as what, count(*) as n
         from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and state = 'active'
         group by 1`,
      );
      samples += 1;
      for (const row of rows) counts.set(row.what, (counts.get(row.what) ?? 0) + Number(row.n));
      await new Promise((resolve) => setTimeout(resolve, everyMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await client.end();
      const lines = [...counts.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 8)
        .map(([what, n]) => `  ${(n / samples).toFixed(2).padStart(6)}  ${what}`);
      return `busy PostgreSQL sessions, mean per sample (${samples} samples):\n${lines.join('\n')}`;
    },
  };
}

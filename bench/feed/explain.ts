/**
 * The plans of a feed request: runs the feed service once for one worker on a Kysely instance
 * that records every statement, then prints EXPLAIN (ANALYZE, BUFFERS) of each, for every sort
 * and for a search that matches a fifth of the projects and one that matches none.
 */
import { Kysely, PostgresDialect, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { Database } from '../../src/server/db/types.js';
import { systemClock } from '../../src/server/lib/clock.js';
import { createFeedRepository } from '../../src/server/modules/work/feed.repository.js';
import { createFeedService } from '../../src/server/modules/work/feed.service.js';
import { FEED_SORTS, type FeedQuery } from '../../src/shared/api/work.js';

export async function explainFeed(url: string, workerId: string): Promise<void> {
  const statements: CompiledQuery[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (event) => {
      if (event.level === 'query') statements.push(event.query);
    },
  });
  try {
    const feed = createFeedService({
      feed: createFeedRepository(db),
      clock: systemClock,
      approvalRateMinDecided: 100,
      flagRejectionPercent: async () => 30,
    });
    const queries: FeedQuery[] = [
      ...FEED_SORTS.map((sort) => ({ sort, limit: 20 })),
      { sort: 'newest', limit: 20, q: 'transcribe' },
      { sort: 'newest', limit: 20, q: 'no such words' },
    ];
    for (const query of queries) {
      statements.length = 0;
      const page = await feed.list(workerId, query);
      const shown = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
      console.log(`\n── EXPLAIN of GET /feed?${shown} (${page.items.length} items) ──`);
      // Statements run as the app runs them: a `set local` before one applies to its EXPLAIN.
      let settings: string[] = [];
      for (const statement of [...statements]) {
        const text = statement.sql.trim();
        if (/^set local /i.test(text)) settings.push(text);
        if (/^(commit|rollback)/i.test(text)) settings = [];
        if (!/^(select|with)\s/i.test(text)) continue;
        const client = await pool.connect();
        try {
          await client.query('begin');
          for (const setting of settings) await client.query(setting);
          const plan = await client.query<{ 'QUERY PLAN': string }>(
            `explain (analyze, buffers) ${text}`,
            statement.parameters as unknown[],
          );
          await client.query('rollback');
          const shown = [...settings, text.replace(/\s+/g, ' ').slice(0, 160)].join('; ');
          console.log(`\n${shown}…`);
          // The worker's values are inlined into every requirement check: keep lines readable.
          for (const row of plan.rows) console.log(`  ${row['QUERY PLAN'].slice(0, 240)}`);
        } finally {
          client.release();
        }
      }
    }
  } finally {
    await db.destroy();
  }
}

/**
 * Sets the ratings that involve some workers aside for a while, so that the same workers, with
 * the same tokens and the same history, can load the feed with their ratings and without them:
 * the cost of the ratings alone (issue #18). The rows wait in `bench_ratings_aside` and go back
 * when `restore` is called; a run that died before restoring puts them back at its next start.
 * PostgreSQL only: the server holds a PGlite database while the load runs.
 */
import pg from 'pg';

export async function setRatingsAside(
  url: string,
  workerIds: readonly string[],
): Promise<{ moved: number; restore: () => Promise<void> }> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const putBack = `with back as (delete from bench_ratings_aside returning *)
    insert into ratings select * from back on conflict do nothing`;
  await pool.query('create table if not exists bench_ratings_aside (like ratings)');
  await pool.query(putBack);
  const moved = await pool.query(
    `with moved as (
       delete from ratings where rater_id = any($1::uuid[]) or ratee_id = any($1::uuid[])
       returning *)
     insert into bench_ratings_aside select * from moved`,
    [workerIds],
  );
  return {
    moved: moved.rowCount ?? 0,
    restore: async () => {
      try {
        await pool.query(putBack);
      } finally {
        await pool.end();
      }
    },
  };
}

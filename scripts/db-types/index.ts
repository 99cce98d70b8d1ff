/**
 * `npm run db:types`: migrates a new in-memory embedded database and writes
 * src/server/db/schema.ts from it. `npm run db:types -- --check` only says whether the checked-in
 * file is current (exit 1 when not), as the integration suite does on both databases.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { openDatabase } from '../../src/server/db/database.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { enumDisagreements, generateSchemaSource, SCHEMA_FILE } from './generate.js';

const check = process.argv.includes('--check');
const handle = await openDatabase({ kind: 'pglite' });
try {
  await migrateToLatest(handle.db);
  const problems = await enumDisagreements(handle.db);
  if (problems.length > 0) {
    console.error(`Enum lists disagree with the database:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    const source = await generateSchemaSource(handle.db);
    const current = readFileSync(SCHEMA_FILE, { encoding: 'utf8', flag: 'a+' });
    if (source === current) console.log(`${SCHEMA_FILE} is current.`);
    else if (check) {
      console.error(`${SCHEMA_FILE} is out of date: run \`npm run db:types\` and commit it.`);
      process.exitCode = 1;
    } else {
      writeFileSync(SCHEMA_FILE, source);
      console.log(`Wrote ${SCHEMA_FILE}.`);
    }
  }
} finally {
  await handle.close();
}

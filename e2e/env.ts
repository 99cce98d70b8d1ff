import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Shared by playwright.config.ts, the server launcher and the specs. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 23456);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/**
 * A second server whose fresh database holds the demo data (`tessera seed --demo`), for the
 * journeys the issues describe with the demo accounts. Apart from the main one, so that no
 * other suite sees the demo projects in its lists.
 */
export const E2E_DEMO_PORT = Number(process.env.E2E_DEMO_PORT ?? E2E_PORT + 1);
export const DEMO_BASE_URL = `http://127.0.0.1:${E2E_DEMO_PORT}`;

/**
 * The main server sends its email by SMTP to a receiver that start-server.ts runs on this port;
 * each message lands as a JSON line in MAILBOX_FILE (read with e2e/mailbox.ts).
 */
export const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 2);
export const MAILBOX_FILE = join(tmpdir(), `tessera-e2e-mailbox-${E2E_PORT}.jsonl`);

/** Created by start-server.ts before the server starts, in the throwaway data directory. */
export const ADMIN = {
  email: 'admin@e2e.tessera.test',
  password: 'admin-password-for-e2e',
  displayName: 'Site Admin',
};

import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { clusterRefusal, MAX_WORKERS, parseWorkers, restartDelayMs } from './cluster.js';
import { loadConfig } from './config.js';

describe('parseWorkers', () => {
  it('takes a whole number of workers, or one per core for auto', () => {
    expect(parseWorkers('1')).toBe(1);
    expect(parseWorkers('4')).toBe(4);
    expect(parseWorkers('auto')).toBe(availableParallelism());
  });

  it.each(['0', '-2', '1.5', 'two', '', String(MAX_WORKERS + 1)])('refuses %j', (value) => {
    expect(() => parseWorkers(value)).toThrow(/whole number from 1 to 256, or auto/);
  });
});

describe('restartDelayMs', () => {
  it('waits longer after each crash in a row, up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(restartDelayMs)).toEqual([
      500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});

describe('clusterRefusal', () => {
  it('refuses several workers on the embedded database and says what to do', () => {
    const embedded = loadConfig({});
    expect(clusterRefusal(embedded, 1)).toBeUndefined();
    expect(clusterRefusal(embedded, 2)).toMatch(/needs PostgreSQL.*Set DATABASE_URL/);
  });

  it('lets PostgreSQL run any number of workers', () => {
    const postgres = loadConfig({ DATABASE_URL: 'postgres://db.internal/tessera' });
    expect(clusterRefusal(postgres, 8)).toBeUndefined();
  });
});

describe('configuration for several instances', () => {
  it('bounds the shutdown at 10 s unless told otherwise', () => {
    expect(loadConfig({}).shutdownTimeoutMs).toBe(10_000);
    expect(loadConfig({ SHUTDOWN_TIMEOUT_MS: '2500' }).shutdownTimeoutMs).toBe(2_500);
    expect(() => loadConfig({ SHUTDOWN_TIMEOUT_MS: 'soon' })).toThrow(/SHUTDOWN_TIMEOUT_MS/);
  });

  it('refuses a read replica without the primary it replicates', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://replica/tessera' })).toThrow(
      /DATABASE_READ_URL.*DATABASE_URL/,
    );
  });
});

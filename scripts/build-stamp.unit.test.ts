import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint, staleTargets, type TargetName } from './build-stamp.mjs';

const names: TargetName[] = ['server', 'web'];
const fingerprints = { server: 'server-now', web: 'web-now' };
const built = () => true;

describe('is the build stale', () => {
  it('rebuilds nothing when every fingerprint matches the stamp and the outputs exist', () => {
    expect(
      staleTargets({ names, fingerprints, stamp: { ...fingerprints }, outputExists: built }),
    ).toEqual([]);
  });

  it('rebuilds only the target whose sources changed', () => {
    const stamp = { server: 'server-now', web: 'web-before' };
    expect(staleTargets({ names, fingerprints, stamp, outputExists: built })).toEqual(['web']);
  });

  it('rebuilds everything without a stamp, and a target whose output is gone', () => {
    expect(staleTargets({ names, fingerprints, stamp: undefined, outputExists: built })).toEqual(
      names,
    );
    const serverGone = (name: TargetName) => name !== 'server';
    expect(
      staleTargets({ names, fingerprints, stamp: { ...fingerprints }, outputExists: serverGone }),
    ).toEqual(['server']);
  });
});

describe('the fingerprint of a build’s sources', () => {
  let root = '';
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('changes with a source file’s content or a new file, not with a test file', () => {
    root = mkdtempSync(join(tmpdir(), 'tessera-stamp-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 1;');
    const first = fingerprint(['src'], root);
    expect(fingerprint(['src'], root)).toBe(first);

    writeFileSync(join(root, 'src', 'a.test.ts'), 'test');
    expect(fingerprint(['src'], root)).toBe(first);

    writeFileSync(join(root, 'src', 'a.ts'), 'export const a = 2;');
    const edited = fingerprint(['src'], root);
    expect(edited).not.toBe(first);

    writeFileSync(join(root, 'src', 'b.ts'), '');
    expect(fingerprint(['src'], root)).not.toBe(edited);
  });
});

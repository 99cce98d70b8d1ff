import { describe, expect, it } from 'vitest';
import { formatRelativeTime } from './relative-time.js';

const now = new Date('2026-11-20T12:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();

describe('formatRelativeTime', () => {
  it('reads recent times the way people say them', () => {
    expect(formatRelativeTime(ago(10_000), now)).toBe('just now');
    expect(formatRelativeTime(ago(-5_000), now)).toBe('just now');
    expect(formatRelativeTime(ago(60_000), now)).toBe('1 minute ago');
    expect(formatRelativeTime(ago(59 * 60_000), now)).toBe('59 minutes ago');
    expect(formatRelativeTime(ago(3 * 3_600_000), now)).toBe('3 hours ago');
    expect(formatRelativeTime(ago(26 * 3_600_000), now)).toBe('yesterday');
    expect(formatRelativeTime(ago(4 * 86_400_000), now)).toBe('4 days ago');
  });

  it('gives a date after a week, with the year when it is not this year', () => {
    expect(formatRelativeTime('2026-10-01T12:00:00Z', now)).toBe('Oct 1');
    expect(formatRelativeTime('2025-10-01T12:00:00Z', now)).toBe('Oct 1, 2025');
  });
});

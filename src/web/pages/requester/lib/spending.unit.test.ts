import { describe, expect, it } from 'vitest';
import { paidOutCents, spendingByProject, spentCents, type ProjectSpending } from './spending.js';

const row = (projectId: string, figures: Partial<ProjectSpending> = {}): ProjectSpending => ({
  projectId,
  projectTitle: projectId,
  status: 'published',
  escrowedCents: 0,
  paidToWorkersCents: 0,
  feesCents: 0,
  bonusesCents: 0,
  topUpsCents: 0,
  refundedCents: 0,
  approvedCount: 0,
  ...figures,
});

describe('spending figures', () => {
  it('counts rewards and bonuses as paid out, and fees on top as spent; escrow is neither', () => {
    const r = row('p', {
      paidToWorkersCents: 300,
      bonusesCents: 50,
      feesCents: 35,
      escrowedCents: 900,
      refundedCents: 100,
    });
    expect(paidOutCents(r)).toBe(350);
    expect(spentCents(r)).toBe(385);
  });

  it('looks projects up across the pages fetched so far', () => {
    const byProject = spendingByProject([
      { items: [row('a'), row('b')] },
      { items: [row('c', { feesCents: 7 })] },
    ]);
    expect([...byProject.keys()]).toEqual(['a', 'b', 'c']);
    expect(byProject.get('c')?.feesCents).toBe(7);
    expect(spendingByProject(undefined).size).toBe(0);
  });
});

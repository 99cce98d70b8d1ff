import { choiceQuestions, type Template } from '../../../shared/templates/index.js';

/** An aggregated item on which a task's answers agree too little. */
export type Disagreement = { item: string; agreementPercent: number };

/**
 * How far a task's answers agree, per choice-like item (the questions aggregation votes over,
 * `choiceQuestions`): the share of the answers given to the item that equal its most common
 * answer. Items nobody answered, and templates with no choice-like item, say nothing. Returns the
 * item that agrees least when it is below `thresholdPercent`, else null.
 */
export function disagreement(
  template: Template,
  answers: readonly Record<string, unknown>[],
  thresholdPercent: number,
): Disagreement | null {
  let worst: Disagreement | null = null;
  for (const question of choiceQuestions(template)) {
    const counts = new Map<number, number>();
    let answered = 0;
    for (const a of answers) {
      const label = question.labelOf(a);
      if (label < 0) continue;
      answered++;
      counts.set(label, (counts.get(label) ?? 0) + 1);
    }
    if (answered === 0) continue;
    const agreementPercent = (100 * Math.max(...counts.values())) / answered;
    // Compared exactly, not rounded: 2 of 3 (66.7 %) is below a 67 % threshold.
    if (
      agreementPercent < thresholdPercent &&
      (!worst || agreementPercent < worst.agreementPercent)
    ) {
      worst = { item: question.key, agreementPercent };
    }
  }
  return worst;
}

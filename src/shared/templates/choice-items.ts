import type { Template } from './model.js';

/**
 * What answer aggregation works on (DESIGN §9): the choice-like questions of a form template,
 * each with its closed list of labels. A single choice, a dropdown and a rating are one question
 * each; a multiple choice is one yes/no question per option (keyed `item.option`), since workers
 * may pick several. Text and number answers have no closed list to vote over, and HTML templates
 * name their fields freely, so neither is aggregated.
 */
export type ChoiceQuestion = {
  /** The aggregate's `item`: the item name, or `item.option` for an option of a multiple choice. */
  key: string;
  labels: readonly string[];
  /** The label index of one worker's answer, or -1 when they left it unanswered. */
  labelOf(answers: Record<string, unknown>): number;
};

/** A multiple choice option's two labels: picked, or left out. */
export const OPTION_LABELS = ['yes', 'no'] as const;

export function choiceQuestions(template: Template): ChoiceQuestion[] {
  if (template.kind !== 'form') return [];
  return template.items.flatMap((item): ChoiceQuestion[] => {
    switch (item.type) {
      case 'single_choice':
      case 'dropdown': {
        const labels = item.options.map((o) => o.value);
        return [{ key: item.name, labels, labelOf: (a) => labels.indexOf(String(a[item.name])) }];
      }
      case 'rating': {
        const labels = Array.from({ length: item.max }, (_, i) => String(i + 1));
        return [
          {
            key: item.name,
            labels,
            labelOf: (a) =>
              typeof a[item.name] === 'number' ? labels.indexOf(String(a[item.name])) : -1,
          },
        ];
      }
      case 'multiple_choice':
        return item.options.map((option) => ({
          key: `${item.name}.${option.value}`,
          labels: OPTION_LABELS,
          labelOf: (a) => {
            const chosen = a[item.name];
            if (!Array.isArray(chosen)) return -1;
            return chosen.includes(option.value) ? 0 : 1;
          },
        }));
      case 'instructions':
      case 'text':
      case 'textarea':
      case 'number':
      case 'image':
      case 'audio':
      case 'video':
      case 'link':
        return [];
    }
  });
}

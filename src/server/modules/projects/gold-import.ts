import {
  GOLD_EXPLANATION_COLUMN,
  GOLD_PREFIX,
  goldAnswerFromCell,
  goldProblems,
} from '../../../shared/templates/gold.js';
import type { Template } from '../../../shared/templates/model.js';
import { ValidationError } from '../../errors.js';
import type { GoldRow } from './gold.repository.js';

/**
 * Where an upload's known answers are: `Gold.<item>` columns (and `Gold.explanation`) are taken
 * out of the task data, so a task's data (what workers are served) never holds them.
 */
export type GoldColumns = {
  dataColumns: string[];
  dataPositions: number[];
  items: { item: string; position: number }[];
  explanationPosition: number | undefined;
};

export function goldColumnsOf(columns: readonly string[]): GoldColumns {
  const split: GoldColumns = {
    dataColumns: [],
    dataPositions: [],
    items: [],
    explanationPosition: undefined,
  };
  columns.forEach((column, position) => {
    if (column === GOLD_EXPLANATION_COLUMN) split.explanationPosition = position;
    else if (column.startsWith(GOLD_PREFIX)) {
      split.items.push({ item: column.slice(GOLD_PREFIX.length), position });
    } else {
      split.dataColumns.push(column);
      split.dataPositions.push(position);
    }
  });
  return split;
}

/**
 * One row's known answers, or none when it has no gold cell. Answers that do not fit the template
 * are refused naming the row and the items, which rolls the whole upload back.
 */
export function goldOfRow(
  template: Template,
  columns: GoldColumns,
  cells: readonly string[],
  rowNumber: number,
): GoldRow | undefined {
  const answers: Record<string, unknown> = {};
  for (const { item, position } of columns.items) {
    const cell = cells[position] ?? '';
    if (cell.trim() !== '') answers[item] = goldAnswerFromCell(template, item, cell);
  }
  const explanation =
    columns.explanationPosition === undefined
      ? ''
      : (cells[columns.explanationPosition] ?? '').trim();
  if (Object.keys(answers).length === 0 && explanation === '') return undefined;
  const problems = goldProblems(template, answers);
  if (problems.length > 0) {
    throw new ValidationError(
      `Row ${rowNumber}: its gold answers do not fit the template — ${problems
        .map((p) => (p.item ? `${p.item}: ${p.message}` : p.message))
        .join('; ')}. Nothing was imported.`,
      { row: rowNumber, problems },
      'invalid_gold',
    );
  }
  return { rowNumber, answers, explanation: explanation === '' ? null : explanation };
}

/**
 * Placeholders name the columns of a task's data. Form texts use `{{column}}` (spaces inside the
 * braces allowed); HTML templates use MTurk's `${column}`. A column name is letters, digits, `_`,
 * `.` and `-`, so a placeholder never swallows markup or script around it.
 */
const COLUMN = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';

export const FORM_PLACEHOLDER = new RegExp(`\\{\\{\\s*(${COLUMN})\\s*\\}\\}`, 'g');
export const HTML_PLACEHOLDER = new RegExp(`\\$\\{(${COLUMN})\\}`, 'g');

/** The distinct column names a text refers to, in order of first appearance. */
export function columnsIn(text: string, pattern: RegExp): string[] {
  const seen = new Set<string>();
  for (const match of text.matchAll(pattern)) {
    if (match[1] !== undefined) seen.add(match[1]);
  }
  return [...seen];
}

/** Replaces each placeholder with `value(column)`; a column the row lacks becomes ''. */
export function replacePlaceholders(
  text: string,
  pattern: RegExp,
  row: Readonly<Record<string, string>>,
  encode: (value: string) => string,
): string {
  return text.replace(pattern, (_whole, column: string) =>
    encode(Object.hasOwn(row, column) ? (row[column] ?? '') : ''),
  );
}

import {
  EDITABLE_PROJECT_FIELDS,
  type EditableProjectField,
  type UpdateProjectBody,
} from '../../../shared/api/projects.js';
import type { ProjectRow } from './projects.repository.js';

/**
 * The fields a requester sets that the service stores in some other form: one object turned into
 * several columns (`overlap`, `quality`), JSON (`template`, `qualificationRequirements`) or an
 * instant worked out from the clock (`expiresAt`). Each has its own lines in the service and the
 * presenter.
 */
const CONVERTED = [
  'overlap',
  'expiresAt',
  'template',
  'qualificationRequirements',
  'quality',
] as const satisfies readonly EditableProjectField[];
type Converted = (typeof CONVERTED)[number];

/**
 * Every other field is plain: stored as it is typed, in the column of its name in snake case
 * (`rewardCents` → `reward_cents`), written by the service (`plainColumns`) and read back by the
 * presenter (`plainFields`). A new field of that kind needs no line here: its column and its
 * migration are enough.
 */
export type PlainField = Exclude<EditableProjectField, Converted>;

/** `rewardCents` → `reward_cents`, as a type. */
type SnakeCase<Name extends string> = Name extends `${infer First}${infer Rest}`
  ? `${First extends Lowercase<First> ? First : `_${Lowercase<First>}`}${SnakeCase<Rest>}`
  : Name;
type ColumnOf<F extends PlainField> = Extract<SnakeCase<F>, keyof ProjectRow>;

/**
 * Does not compile while a plain field has no column of its name: add the migration (and run
 * `npm run db:types`), or list the field in CONVERTED and store it yourself.
 */
type EveryPlainFieldHasItsColumn = SnakeCase<PlainField> extends keyof ProjectRow ? true : never;
const everyPlainFieldHasItsColumn: EveryPlainFieldHasItsColumn = true;
void everyPlainFieldHasItsColumn;

function isPlain(field: EditableProjectField): field is PlainField {
  return !CONVERTED.some((converted) => converted === field);
}

/** `rewardCents` → `reward_cents`: what SnakeCase says of the name's type. */
function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`);
}

/** The plain fields with their columns, in the API's order. */
export const PLAIN_PROJECT_COLUMNS: ReadonlyArray<readonly [PlainField, string]> =
  EDITABLE_PROJECT_FIELDS.filter(isPlain).map((field) => [field, snakeCase(field)] as const);

/** The plain fields a body names, as columns (one left out stays undefined: kept on update). */
export function plainColumns<Body extends Partial<Pick<UpdateProjectBody, PlainField>>>(
  body: Body,
): { [F in PlainField as ColumnOf<F>]: Body[F] } {
  const columns: Record<string, unknown> = {};
  for (const [field, column] of PLAIN_PROJECT_COLUMNS) columns[column] = body[field];
  // Filled key by key from the table, which is what the mapped type spells out.
  return columns as { [F in PlainField as ColumnOf<F>]: Body[F] };
}

/** A stored project's plain fields, by their API names. */
export function plainFields(row: ProjectRow): { [F in PlainField]: ProjectRow[ColumnOf<F>] } {
  const stored = new Map<string, unknown>(Object.entries(row));
  const fields: Record<string, unknown> = {};
  for (const [field, column] of PLAIN_PROJECT_COLUMNS) fields[field] = stored.get(column);
  // Filled key by key from the table, which is what the mapped type spells out.
  return fields as { [F in PlainField]: ProjectRow[ColumnOf<F>] };
}

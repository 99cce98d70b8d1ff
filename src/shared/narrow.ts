/*
 * Reading values whose type nothing promises (caught errors, parsed JSON, objects from other
 * libraries) by checking them, so that no type assertion has to claim what they are.
 */

/** Any object, read as a bag of unknown members (arrays included). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** A member of an unknown value, when it is an object that has one. */
export function memberOf(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** A string member of an unknown value, such as a caught error's `code`. */
export function stringMember(value: unknown, key: string): string | undefined {
  const member = memberOf(value, key);
  return typeof member === 'string' ? member : undefined;
}

/** What a caught value says: an error's message, or the value itself when a non-error was thrown. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `value` is one of `values`: narrows a string to a union of literals. */
export function isOneOf<T>(values: readonly T[], value: unknown): value is T {
  return values.some((candidate) => candidate === value);
}

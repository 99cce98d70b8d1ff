import { isRecord, memberOf } from '../../shared/narrow.js';

/**
 * JSON text with every object's keys in one order, so two values that differ only in key order
 * (jsonb does not keep it) give the same text. Like `JSON.stringify`, it leaves out undefined
 * object members and writes them as `null` in arrays. It walks with its own stack rather than
 * recursion, so no nesting depth can overflow the call stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // A pending value to write, or literal text (a bracket, a comma, a key) already decided.
  const pending: ({ value: unknown } | string)[] = [{ value }];
  while (pending.length) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      out.push(item);
      continue;
    }
    const current = jsonValueOf(item.value);
    if (Array.isArray(current)) {
      out.push('[');
      pending.push(']');
      for (let i = current.length - 1; i >= 0; i--) {
        const element: unknown = current[i];
        pending.push({ value: isOmitted(element) ? null : element });
        if (i > 0) pending.push(',');
      }
    } else if (isRecord(current)) {
      const members = current;
      const keys = Object.keys(members)
        .filter((key) => !isOmitted(members[key]))
        .sort();
      out.push('{');
      pending.push('}');
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        pending.push({ value: members[key] });
        pending.push(`${JSON.stringify(key)}:`);
        if (i > 0) pending.push(',');
      }
    } else {
      out.push(isOmitted(current) ? 'null' : JSON.stringify(current));
    }
  }
  return out.join('');
}

/** JSON equality that ignores key order. */
export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function jsonValueOf(value: unknown): unknown {
  const toJSON = memberOf(value, 'toJSON');
  return typeof toJSON === 'function' ? Reflect.apply(toJSON, value, []) : value;
}

import type { FormItem, Template } from './model.js';

/** One option whose stored value a change would replace; `item` is the item's name. */
export type OptionValueChange = { item: string; from: string; to: string };

/**
 * What a change to a published project's template amounts to. Workers may already have answered
 * it, so its structure stays; only the options' wording and stored values may change, and a
 * value change splits the answers between the old value and the new one.
 */
export type PublishedTemplateChange =
  | { kind: 'none' }
  /** Only options' labels and/or values differ; `valueChanges` lists the values. */
  | { kind: 'options'; valueChanges: OptionValueChange[] }
  /** Anything else: items, their settings, the HTML, the kind. */
  | { kind: 'structure' };

/** JSON with keys sorted and undefined left out, so stored and sent templates compare equal. */
function canonical(value: unknown): string {
  const sorted = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sorted)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, inner]) => inner !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([key, inner]) => [key, sorted(inner)]),
          )
        : v;
  return JSON.stringify(sorted(value));
}

const optionsOf = (item: FormItem) => ('options' in item ? item.options : undefined);

/** The item with its options' texts blanked out, keeping how many there are. */
function withoutOptionTexts(item: FormItem): unknown {
  const options = optionsOf(item);
  return options ? { ...item, options: options.map(() => ({})) } : item;
}

/** Classifies a change from `current` (stored) to `wanted` for a published project. */
export function publishedTemplateChange(
  current: Template,
  wanted: Template,
): PublishedTemplateChange {
  if (canonical(current) === canonical(wanted)) return { kind: 'none' };
  if (current.kind !== 'form' || wanted.kind !== 'form') return { kind: 'structure' };
  if (current.items.length !== wanted.items.length) return { kind: 'structure' };
  const valueChanges: OptionValueChange[] = [];
  for (const [index, before] of current.items.entries()) {
    const after = wanted.items[index]!;
    if (canonical(withoutOptionTexts(before)) !== canonical(withoutOptionTexts(after))) {
      return { kind: 'structure' };
    }
    const afterOptions = optionsOf(after) ?? [];
    for (const [position, option] of (optionsOf(before) ?? []).entries()) {
      const to = afterOptions[position]!.value;
      if (option.value !== to) valueChanges.push({ item: before.name, from: option.value, to });
    }
  }
  return { kind: 'options', valueChanges };
}

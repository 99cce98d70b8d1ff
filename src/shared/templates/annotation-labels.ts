// Labels of the annotation elements, shared by the elements and the review page that draws their
// answers, so that a label is drawn in review in the colour the worker's element gave it.

/**
 * JSON from an attribute. MTurk's own examples write `labels="['car','pedestrian']"` with single
 * quotes, which its elements accept, so that form is tried when strict JSON fails.
 */
export function parseJsonAttribute(value: string | null | undefined): unknown {
  if (!value || value.trim() === '') return undefined;
  try {
    return JSON.parse(value);
  } catch {
    try {
      return JSON.parse(value.replace(/'/g, '"'));
    } catch {
      return undefined;
    }
  }
}

/** A list of label names: `["a","b"]`, or objects carrying `label` (crowd-entity-annotation). */
export function parseLabels(value: string | null | undefined): string[] {
  const parsed = parseJsonAttribute(value);
  if (!Array.isArray(parsed)) return [];
  const names = parsed.map((entry: unknown) => {
    if (typeof entry === 'string') return entry;
    if (typeof entry === 'object' && entry !== null) {
      const label: unknown = Reflect.get(entry, 'label');
      return typeof label === 'string' ? label : '';
    }
    return '';
  });
  return [...new Set(names.filter((name) => name !== ''))];
}

// Category-10 colours, as Ground Truth's tools use; one per label in order.
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

export function labelColor(labels: readonly string[], label: string): string {
  const index = labels.indexOf(label);
  return PALETTE[(index < 0 ? 0 : index) % PALETTE.length] ?? '#1f77b4';
}

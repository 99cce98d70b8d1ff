import { html, nothing, type TemplateResult } from 'lit';

// Attribute parsing and the one label picker of the annotation elements.

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

/** The objects of a JSON array attribute (initial-value), others dropped. */
export function parseObjectList(value: string | null | undefined): object[] {
  const parsed = parseJsonAttribute(value);
  if (!Array.isArray(parsed)) return [];
  return parsed.filter((entry: unknown): entry is object => typeof entry === 'object' && !!entry);
}

/** A string field of an untrusted object, '' otherwise. */
export function stringField(entry: object, key: string): string {
  const value: unknown = Reflect.get(entry, key);
  return typeof value === 'string' ? value : '';
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

export interface LabelPickerOptions {
  labels: readonly string[];
  current: string;
  legend: string;
  /** Shown per label instead of its name (crowd-entity-annotation's display names). */
  display?: (label: string) => string;
  onPick: (label: string) => void;
}

/** Native radio buttons: Tab reaches the group, arrow keys choose, screen readers name them. */
export function labelPicker(options: LabelPickerOptions): TemplateResult | typeof nothing {
  if (options.labels.length === 0) return nothing;
  return html`<fieldset class="labels">
    <legend>${options.legend}</legend>
    ${options.labels.map(
      (label) =>
        html`<label class="label-option">
          <input
            type="radio"
            name="label"
            .value=${label}
            .checked=${label === options.current}
            @change=${() => options.onPick(label)}
          />
          <span class="swatch" style="background:${labelColor(options.labels, label)}"></span>
          ${options.display ? options.display(label) : label}
        </label>`,
    )}
  </fieldset>`;
}

import { html, nothing, type TemplateResult } from 'lit';
import {
  labelColor,
  parseJsonAttribute,
  parseLabels,
} from '../../shared/templates/annotation-labels.js';

export { labelColor, parseJsonAttribute, parseLabels };

// Attribute parsing and the one label picker of the annotation elements.

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

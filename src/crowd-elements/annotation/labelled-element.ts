import { html, nothing, type CSSResultGroup, type PropertyValues, type TemplateResult } from 'lit';
import { CrowdAnswerElement } from '../answer-element.js';
import { labelPicker, parseLabels } from './labels.js';
import { annotationStyles } from './styles.js';

/** What a labelled element shows between its shell's parts. */
export interface ShellParts {
  /** Controls after the label picker in the toolbar. */
  tools?: TemplateResult | typeof nothing;
  /** Shown per label in the picker instead of its name. */
  display?: (label: string) => string;
  onPick: (label: string) => void;
  /** What the worker annotates. */
  body: TemplateResult;
  hint: string;
}

/**
 * The base of every annotation element: MTurk's `header` and `labels`, the label the worker has
 * chosen (always one of the labels, the first by default), and the shell they all render — the
 * header, a toolbar led by the label picker, the thing to annotate, a hint, and an aria-live
 * region that reads out each change.
 */
export abstract class LabelledElement extends CrowdAnswerElement {
  static override styles: CSSResultGroup = annotationStyles;
  static override properties = {
    ...CrowdAnswerElement.properties,
    header: { type: String },
    labels: { type: String },
    currentLabel: { state: true },
    announcement: { state: true },
  };

  declare header: string;
  declare labels: string;
  declare currentLabel: string;
  declare announcement: string;

  constructor() {
    super();
    this.header = '';
    this.labels = '';
    this.currentLabel = '';
    this.announcement = '';
  }

  /** The label names offered in the picker. */
  labelList(): string[] {
    return parseLabels(this.labels);
  }

  protected announce(message: string): void {
    this.announcement = message;
  }

  override willUpdate(_changed: PropertyValues<this>): void {
    const labels = this.labelList();
    if (!labels.includes(this.currentLabel)) this.currentLabel = labels[0] ?? '';
  }

  protected renderShell(parts: ShellParts): TemplateResult {
    return html`
      ${this.header ? html`<p class="header">${this.header}</p>` : nothing}
      <div class="toolbar">
        ${labelPicker({
          labels: this.labelList(),
          current: this.currentLabel,
          legend: 'Label',
          display: parts.display,
          onPick: parts.onPick,
        })}
        ${parts.tools ?? nothing}
      </div>
      ${parts.body}
      <p class="hint">${parts.hint}</p>
      <div class="live" role="status" aria-live="polite">${this.announcement}</div>
      <slot></slot>
    `;
  }
}

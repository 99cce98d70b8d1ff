import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { announceChange, define } from '../elements.js';
import { finiteNumber } from './geometry.js';
import { LabelledElement } from './labelled-element.js';
import { labelColor, parseJsonAttribute, parseObjectList, stringField } from './labels.js';
import { annotationStyles } from './styles.js';

export interface Entity {
  label: string;
  startOffset: number;
  endOffset: number;
}

interface Span {
  start: number;
  end: number;
}

/**
 * `<crowd-entity-annotation>`: select spans of `text` and label them. `labels` is MTurk's list of
 * `{ label, shortDisplayName?, fullDisplayName? }` (plain strings are accepted too). With a pointer,
 * selecting text labels it with the chosen label; by keyboard, arrows move a word cursor,
 * Shift+arrows extend it, Enter labels it and Delete removes the entity under it. Answer:
 * `{ [name]: { entities: [{ endOffset, label, startOffset }] } }` (offsets in UTF-16 units, end
 * exclusive).
 */
export class CrowdEntityAnnotation extends LabelledElement {
  static override styles = [
    annotationStyles,
    css`
      .text {
        white-space: pre-wrap;
        line-height: 2;
        padding: 8px;
        border: 1px solid #ced4da;
        border-radius: 4px;
      }
      mark {
        background: #fff3bf;
        color: inherit;
        border-bottom: 3px solid;
      }
      .pending {
        outline: 2px dashed #1864ab;
      }
      .tag {
        color: #fff;
        font-size: 11px;
        padding: 0 4px;
        margin: 0 2px;
        border-radius: 3px;
        background: #343a40;
      }
    `,
  ];
  static override properties = {
    ...LabelledElement.properties,
    text: { type: String },
    initialValue: { type: String, attribute: 'initial-value' },
    entities: { state: true },
    pending: { state: true },
  };

  declare text: string;
  declare initialValue: string;
  declare entities: Entity[];
  /** The keyboard selection, as word indices. */
  declare pending: Span | undefined;

  constructor() {
    super();
    this.text = '';
    this.initialValue = '';
    this.entities = [];
    this.pending = undefined;
  }

  /** A label's display name (fullDisplayName, else shortDisplayName, else the label). */
  private displayName(label: string, key: 'fullDisplayName' | 'shortDisplayName'): string {
    const parsed = parseJsonAttribute(this.labels);
    if (!Array.isArray(parsed)) return label;
    const entry: unknown = parsed.find(
      (item: unknown) =>
        typeof item === 'object' && item !== null && Reflect.get(item, 'label') === label,
    );
    if (typeof entry !== 'object' || entry === null) return label;
    return stringField(entry, key) || label;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('initialValue') || changed.has('text')) {
      this.entities = [];
      for (const entry of parseObjectList(this.initialValue)) {
        const startOffset = finiteNumber(Reflect.get(entry, 'startOffset'));
        const endOffset = finiteNumber(Reflect.get(entry, 'endOffset'));
        if (startOffset === undefined || endOffset === undefined) continue;
        this.addEntity({ label: stringField(entry, 'label'), startOffset, endOffset }, false);
      }
    }
    super.willUpdate(changed);
  }

  /** Adds an entity kept inside the text; refuses empty spans and overlaps. True if added. */
  addEntity(entity: Entity, announce = true): boolean {
    const startOffset = Math.max(0, Math.min(Math.round(entity.startOffset), this.text.length));
    const endOffset = Math.max(0, Math.min(Math.round(entity.endOffset), this.text.length));
    if (endOffset <= startOffset) return false;
    if (this.entities.some((e) => e.startOffset < endOffset && startOffset < e.endOffset)) {
      if (announce) this.announce('That text overlaps an entity already labelled.');
      return false;
    }
    const added = { label: entity.label, startOffset, endOffset };
    this.entities = [...this.entities, added].sort((a, b) => a.startOffset - b.startOffset);
    if (announce) {
      this.announce(`Labelled “${this.text.slice(startOffset, endOffset)}” as ${entity.label}.`);
      announceChange(this);
    }
    return true;
  }

  private removeEntityAt(offset: number): void {
    const entity = this.entities.find((e) => e.startOffset <= offset && offset < e.endOffset);
    if (!entity) return;
    this.entities = this.entities.filter((e) => e !== entity);
    this.announce(
      `Removed ${entity.label} from “${this.text.slice(entity.startOffset, entity.endOffset)}”.`,
    );
  }

  private words(): Span[] {
    return [...this.text.matchAll(/\S+/g)].map((m) => ({
      start: m.index,
      end: m.index + m[0].length,
    }));
  }

  /** The keyboard selection in characters. */
  private pendingSpan(): Span | undefined {
    if (!this.pending) return undefined;
    const words = this.words();
    const first = words[Math.min(this.pending.start, this.pending.end)];
    const last = words[Math.max(this.pending.start, this.pending.end)];
    return first && last ? { start: first.start, end: last.end } : undefined;
  }

  private readonly onKeyDown = (event: KeyboardEvent): void => {
    if (this.disabled) return;
    const count = this.words().length;
    const direction = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (direction !== 0 && count > 0) {
      event.preventDefault();
      const end = Math.max(0, Math.min(count - 1, this.pending ? this.pending.end + direction : 0));
      this.pending = { start: event.shiftKey && this.pending ? this.pending.start : end, end };
      const span = this.pendingSpan();
      if (span) this.announce(`Selected “${this.text.slice(span.start, span.end)}”.`);
      return;
    }
    const span = this.pendingSpan();
    if (event.key === 'Enter' && span) {
      event.preventDefault();
      this.addEntity({ label: this.currentLabel, startOffset: span.start, endOffset: span.end });
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && span) {
      event.preventDefault();
      this.removeEntityAt(span.start);
    }
  };

  /** Offset in the text of a DOM position inside a rendered segment (`data-start`), or undefined. */
  private offsetOf(node: Node | null, offset: number): number | undefined {
    const segment = node?.nodeType === Node.TEXT_NODE ? node.parentElement : null;
    const start = segment?.getAttribute('data-start');
    return start === null || start === undefined ? undefined : Number(start) + offset;
  }

  private readonly onPointerUp = (): void => {
    if (this.disabled) return;
    const root = this.shadowRoot;
    // Chromium gives a shadow root's own selection; other engines retarget the document's.
    const own: unknown = root ? Reflect.get(root, 'getSelection') : undefined;
    const ownSelection: unknown = typeof own === 'function' ? Reflect.apply(own, root, []) : null;
    const selection = ownSelection instanceof Selection ? ownSelection : document.getSelection();
    if (!selection || selection.isCollapsed) return;
    const a = this.offsetOf(selection.anchorNode, selection.anchorOffset);
    const b = this.offsetOf(selection.focusNode, selection.focusOffset);
    if (a === undefined || b === undefined) return;
    this.addEntity({
      label: this.currentLabel,
      startOffset: Math.min(a, b),
      endOffset: Math.max(a, b),
    });
    selection.removeAllRanges();
  };

  override validationMessage(): string {
    return this.required && this.entities.length === 0
      ? 'Label at least one span of the text.'
      : '';
  }

  override focusProblem(): void {
    this.renderRoot.querySelector<HTMLElement>('.text')?.focus();
  }

  answers(): Record<string, unknown> {
    if (!this.name) return {};
    return {
      [this.name]: {
        entities: this.entities.map((e) => ({
          endOffset: e.endOffset,
          label: e.label,
          startOffset: e.startOffset,
        })),
      },
    };
  }

  private renderText(): TemplateResult[] {
    const pending = this.pendingSpan();
    const cuts = new Set([0, this.text.length]);
    for (const e of this.entities) cuts.add(e.startOffset).add(e.endOffset);
    if (pending) cuts.add(pending.start).add(pending.end);
    const points = [...cuts].sort((a, b) => a - b);
    const labels = this.labelList();
    return points.slice(0, -1).map((start, i) => {
      const end = points[i + 1] ?? start;
      const entity = this.entities.find((e) => e.startOffset <= start && end <= e.endOffset);
      const selected = pending && pending.start <= start && end <= pending.end ? ' pending' : '';
      const piece = this.text.slice(start, end);
      if (!entity)
        return html`<span class="segment${selected}" data-start=${start}>${piece}</span>`;
      const color = labelColor(labels, entity.label);
      return html`<mark class="segment${selected}" data-start=${start} style="border-color:${color}"
          >${piece}</mark
        >${
          end === entity.endOffset
            ? html`<span class="tag" style="background:${color}"
                >${this.displayName(entity.label, 'shortDisplayName')}</span
              >`
            : nothing
        }`;
    });
  }

  override render(): TemplateResult {
    return this.renderShell({
      display: (label) => this.displayName(label, 'fullDisplayName'),
      onPick: (label) => {
        this.currentLabel = label;
      },
      body: html`<div
        class="text"
        tabindex="0"
        role="group"
        aria-label="Text to annotate: arrows choose words, Shift+arrows extend, Enter labels, Delete removes"
        @keydown=${this.onKeyDown}
        @pointerup=${this.onPointerUp}
      >
        ${this.renderText()}
      </div>`,
      hint:
        'Choose a label, then select text to label it. Keyboard: arrows choose words, ' +
        'Shift+arrows extend the choice, Enter labels it, Delete removes the label under it.',
    });
  }
}

define('crowd-entity-annotation', CrowdEntityAnnotation);

declare global {
  interface HTMLElementTagNameMap {
    'crowd-entity-annotation': CrowdEntityAnnotation;
  }
}

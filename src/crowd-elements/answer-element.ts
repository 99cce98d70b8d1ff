import { LitElement } from 'lit';

/**
 * The contract between `crowd-form` and every element that gives an answer (crowd-input,
 * crowd-classifier, crowd-bounding-box …). `crowd-form` walks its subtree, asks each such element
 * for its `answers()` and merges them into MTurk's `taskAnswers` object, so each element decides
 * its own answer shape exactly as MTurk's documentation gives it (e.g. crowd-bounding-box named
 * `annotatedResult` → `{ annotatedResult: { boundingBoxes: [...], inputImageProperties: {...} } }`).
 *
 * Reactive properties are declared with `static properties` and `declare` fields (no decorators):
 * class fields would shadow Lit's accessors under `useDefineForClassFields`.
 */
export abstract class CrowdAnswerElement extends LitElement {
  static override properties = {
    name: { type: String, reflect: true },
    required: { type: Boolean, reflect: true },
    disabled: { type: Boolean, reflect: true },
  };

  declare name: string;
  declare required: boolean;
  declare disabled: boolean;

  constructor() {
    super();
    this.name = '';
    this.required = false;
    this.disabled = false;
  }

  /** This element's part of `taskAnswers`, keyed by answer name; `{}` when it gives none. */
  abstract answers(): Record<string, unknown>;

  /** Why the answer cannot be submitted yet (required and empty, out of range), or '' if it can. */
  validationMessage(): string {
    return '';
  }

  /** Moves the keyboard focus to where the worker can fix what `validationMessage` names. */
  focusProblem(): void {
    this.focus();
  }
}

/** Every answer-giving crowd element below `root` (crowd-form's subtree), in document order. */
export function answerElementsIn(root: ParentNode): CrowdAnswerElement[] {
  return [...root.querySelectorAll('*')].filter(
    (element): element is CrowdAnswerElement => element instanceof CrowdAnswerElement,
  );
}

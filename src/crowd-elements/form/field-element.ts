import { html, nothing, type TemplateResult } from 'lit';
import { CrowdAnswerElement } from '../answer-element.js';

/**
 * An answer-giving form element that shows its own problem. A problem is shown only once a submit
 * was refused (crowd-form calls `focusProblem`), not while the worker is still filling the form;
 * it appears under the control, which names it in `aria-describedby="problem"`.
 */
export abstract class FieldElement extends CrowdAnswerElement {
  static override properties = { ...CrowdAnswerElement.properties, problem: { state: true } };

  /** The problem shown under the control, '' while none is. */
  declare problem: string;

  constructor() {
    super();
    this.problem = '';
  }

  /** The control the worker must use to fix the problem. */
  protected abstract problemControl(): HTMLElement | null | undefined;

  override focusProblem(): void {
    this.problem = this.validationMessage();
    this.problemControl()?.focus();
  }

  /** The problem line; `alert` announces it at once where no control describes itself with it. */
  protected problemPart(alert = false): TemplateResult {
    const role = alert ? 'alert' : nothing;
    return html`<p class="problem" id="problem" role=${role}>${this.problem}</p>`;
  }
}

import { css, html, LitElement, nothing } from 'lit';
import { TASK_ANSWERS_FIELD } from '../../shared/templates/task-answers.js';
import {
  collectTaskAnswers,
  firstProblem,
  nativeControlsIn,
  POSTING_FORM_ATTRIBUTE,
} from './form-answers.js';
import { define } from '../elements.js';
import { baseStyles } from './shared.js';

/** A crowd-button that submits: when the template has one, crowd-form shows no button of its own. */
const SUBMIT_BUTTON = 'crowd-button[form-action="submit"]';

/**
 * `<crowd-form>`: wraps a task, checks it and submits it as MTurk's does. On submit it checks
 * every answer (the first problem is shown and focused), fires a cancelable `submit` event on
 * itself (templates' own checks call `preventDefault()`), then posts `taskAnswers` — the answers
 * as a JSON array of one object — through a real form, so the frame's bridge (frame-document.ts)
 * carries it to the work page like any other HTML task's form.
 */
export class CrowdForm extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .actions {
        margin-top: 16px;
      }
    `,
  ];
  static override properties = { problem: { state: true } };

  declare problem: string;
  private form: HTMLFormElement | undefined;

  constructor() {
    super();
    this.problem = '';
    // A native submit button inside the template submits through crowd-form too.
    this.addEventListener('click', (event) => {
      const target = event.target;
      if (
        (target instanceof HTMLButtonElement || target instanceof HTMLInputElement) &&
        target.type === 'submit' &&
        !this.form?.contains(target)
      ) {
        event.preventDefault();
        this.submit();
      }
    });
  }

  override render() {
    // Children parsed after the first render (or added by the template) render it again.
    return html`<slot @slotchange=${() => this.requestUpdate()}></slot>
      <p class="problem" role="alert">${this.problem}</p>
      ${
        this.querySelector(SUBMIT_BUTTON) === null
          ? html`<div class="actions">
              <button
                class="button primary"
                type="button"
                part="submit"
                @click=${() => this.submit()}
              >
                Submit
              </button>
            </div>`
          : nothing
      }`;
  }

  /** The answers as they would be posted now (MTurk's taskAnswers object, unwrapped). */
  taskAnswers(): Record<string, unknown> {
    return collectTaskAnswers(this);
  }

  /** Checks the answers and, when they pass and no listener cancels, posts them. */
  submit(): void {
    const problem = firstProblem(this);
    this.problem = problem?.message ?? '';
    if (problem) {
      problem.focus();
      return;
    }
    if (!this.dispatchEvent(new Event('submit', { cancelable: true }))) return;
    const form = this.postingForm();
    const field = form.elements.namedItem(TASK_ANSWERS_FIELD);
    if (field instanceof HTMLInputElement) field.value = JSON.stringify([this.taskAnswers()]);
    form.requestSubmit();
  }

  /** Native controls back to their first values (crowd elements keep theirs, as on MTurk). */
  reset(): void {
    for (const control of nativeControlsIn(this)) {
      if (control instanceof HTMLInputElement && ['checkbox', 'radio'].includes(control.type))
        control.checked = control.defaultChecked;
      else if (!(control instanceof HTMLSelectElement)) control.value = control.defaultValue;
    }
    this.problem = '';
  }

  /** A hidden form in the page (not the shadow root: its submit event must reach the bridge). */
  private postingForm(): HTMLFormElement {
    if (!this.form) {
      this.form = document.createElement('form');
      this.form.hidden = true;
      this.form.setAttribute(POSTING_FORM_ATTRIBUTE, '');
      this.form.method = 'post';
      const field = document.createElement('input');
      field.type = 'hidden';
      field.name = TASK_ANSWERS_FIELD;
      this.form.append(field);
      this.append(this.form);
    }
    return this.form;
  }
}

define('crowd-form', CrowdForm);

import { answerElementsIn } from '../answer-element.js';

/** Native controls a template may put inside crowd-form; buttons and files give no answer. */
const NATIVE_CONTROLS = 'input[name], textarea[name], select[name]';
/** Marks the form crowd-form posts through, whose one field is the answers themselves. */
export const POSTING_FORM_ATTRIBUTE = 'data-crowd-form-post';
const NO_ANSWER_TYPES = new Set(['submit', 'button', 'reset', 'image', 'file']);

type NativeControl = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

function isNativeControl(element: Element): element is NativeControl {
  return (
    element instanceof HTMLInputElement ||
    element instanceof HTMLTextAreaElement ||
    element instanceof HTMLSelectElement
  );
}

/** The named native controls below `root` that give an answer, in document order. */
export function nativeControlsIn(root: ParentNode): NativeControl[] {
  return [...root.querySelectorAll(NATIVE_CONTROLS)]
    .filter(isNativeControl)
    .filter((control) => !control.disabled && !NO_ANSWER_TYPES.has(control.type))
    .filter((control) => !control.form?.hasAttribute(POSTING_FORM_ATTRIBUTE));
}

/** What the native controls hold, as a form posts them: text, or a list for repeated names. */
function nativeAnswers(root: ParentNode): Record<string, unknown> {
  const values = new Map<string, string[]>();
  const add = (name: string, value: string) =>
    values.set(name, [...(values.get(name) ?? []), value]);
  for (const control of nativeControlsIn(root)) {
    if (control instanceof HTMLInputElement && ['checkbox', 'radio'].includes(control.type)) {
      if (control.checked) add(control.name, control.value);
    } else if (control instanceof HTMLSelectElement) {
      for (const option of control.selectedOptions) add(control.name, option.value);
    } else {
      add(control.name, control.value);
    }
  }
  // A name given once is text; a repeated one (several checkboxes) a list, as forms post them.
  return Object.fromEntries(
    [...values].map(([name, list]) => [name, list.length === 1 ? list[0] : list]),
  );
}

/**
 * The object MTurk's crowd-form posts (inside a one-element array) as `taskAnswers`: native
 * controls by name, then each crowd element's own part, keyed by its `name`.
 */
export function collectTaskAnswers(root: ParentNode): Record<string, unknown> {
  const answers = nativeAnswers(root);
  for (const element of answerElementsIn(root)) Object.assign(answers, element.answers());
  return answers;
}

/** The first thing that stops a submit: its message and how to take the worker to it. */
export type FormProblem = { message: string; focus: () => void };

export function firstProblem(root: ParentNode): FormProblem | undefined {
  for (const element of answerElementsIn(root)) {
    const message = element.validationMessage();
    if (message) return { message, focus: () => element.focusProblem() };
  }
  for (const control of nativeControlsIn(root)) {
    if (!control.checkValidity()) {
      const label = control.labels?.[0]?.textContent?.trim() || control.name;
      return {
        message: `${label}: ${control.validationMessage || 'This field is not valid.'}`,
        focus: () => control.focus(),
      };
    }
  }
  return undefined;
}

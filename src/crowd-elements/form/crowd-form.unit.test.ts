// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import './index.js';
import { CrowdForm } from './crowd-form.js';
import { CrowdInput } from './crowd-input.js';
import { get, inner, mount, settle } from './test-helpers.js';

/** What the frame's bridge would post: the fields of each form submitted in the page. */
let posted: Record<string, string>[] = [];
function capture(event: Event) {
  // As the bridge: crowd-form's own submit event (for templates' checks) is not a post.
  if (!(event.target instanceof HTMLFormElement)) return;
  event.preventDefault();
  const fields: Record<string, string> = {};
  new FormData(event.target).forEach((value, name) => {
    if (typeof value === 'string') fields[name] = value;
  });
  posted.push(fields);
}
beforeEach(() => {
  posted = [];
  document.addEventListener('submit', capture, true);
});
afterEach(() => document.removeEventListener('submit', capture, true));

describe('crowd-form', () => {
  it('posts taskAnswers as a JSON array of one object: native fields and crowd elements', async () => {
    await mount(`<crowd-form>
      <input name="note" value="hello">
      <input type="checkbox" name="tag" value="a" checked><input type="checkbox" name="tag" value="b" checked>
      <input type="checkbox" name="unticked" value="x">
      <crowd-input name="word" value="cat"></crowd-input>
      <crowd-checkbox name="agree" checked>I agree</crowd-checkbox>
    </crowd-form>`);
    get('crowd-form', CrowdForm).submit();
    expect(posted).toHaveLength(1);
    expect(Object.keys(posted[0] ?? {})).toEqual(['taskAnswers']);
    expect(JSON.parse(posted[0]?.taskAnswers ?? '')).toEqual([
      { note: 'hello', tag: ['a', 'b'], word: 'cat', agree: { on: true } },
    ]);
  });

  it('shows its own Submit button unless the template has a crowd-button that submits', async () => {
    await mount('<crowd-form><p>Task</p></crowd-form>');
    const form = get('crowd-form', CrowdForm);
    expect(form.shadowRoot?.querySelector('[part="submit"]')?.textContent?.trim()).toBe('Submit');

    await mount(
      '<crowd-form><crowd-button form-action="submit" variant="primary">Send</crowd-button></crowd-form>',
    );
    const own = get('crowd-form', CrowdForm);
    expect(own.shadowRoot?.querySelector('[part="submit"]')).toBeNull();
    inner(get('crowd-button', HTMLElement), 'button', HTMLButtonElement).click();
    expect(posted).toHaveLength(1);
  });

  it('refuses to submit while a required answer is missing: says why and focuses it', async () => {
    await mount(
      '<crowd-form><crowd-input name="word" label="Word" required></crowd-input></crowd-form>',
    );
    const form = get('crowd-form', CrowdForm);
    const input = get('crowd-input', CrowdInput);
    form.submit();
    await settle();
    expect(posted).toEqual([]);
    expect(form.shadowRoot?.querySelector('[role="alert"]')?.textContent).toContain(
      'Word is required.',
    );
    expect(input.shadowRoot?.activeElement).toBe(inner(input, 'input', HTMLInputElement));
    expect(inner(input, 'input', HTMLInputElement).getAttribute('aria-invalid')).toBe('true');
  });

  it('checks native required fields too', async () => {
    await mount('<crowd-form><label>Name <input name="n" required></label></crowd-form>');
    get('crowd-form', CrowdForm).submit();
    await settle();
    expect(posted).toEqual([]);
    expect(document.activeElement).toBe(document.querySelector('input[name="n"]'));
  });

  it('fires a cancelable submit event first, so a template’s own check can stop it', async () => {
    await mount('<crowd-form><crowd-input name="word" value="x"></crowd-input></crowd-form>');
    const form = get('crowd-form', CrowdForm);
    const check = vi.fn((event: Event) => event.preventDefault());
    form.onsubmit = check;
    form.submit();
    expect(check).toHaveBeenCalledOnce();
    expect(posted).toEqual([]);
    form.onsubmit = null;
    form.submit();
    expect(posted).toHaveLength(1);
  });

  it('resets native fields with a crowd-button form-action="reset"', async () => {
    await mount(
      '<crowd-form><input name="n" value="start"><crowd-button form-action="reset">Reset</crowd-button></crowd-form>',
    );
    const field = get('input[name="n"]', HTMLInputElement);
    field.value = 'changed';
    inner(get('crowd-button', HTMLElement), 'button', HTMLButtonElement).click();
    expect(field.value).toBe('start');
  });
});

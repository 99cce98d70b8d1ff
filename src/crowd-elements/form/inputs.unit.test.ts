// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import './index.js';
import { CrowdCheckbox, CrowdToggleButton } from './crowd-checkbox.js';
import { CrowdInput, CrowdTextArea } from './crowd-input.js';
import { CrowdRadioButton, CrowdRadioGroup } from './crowd-radio.js';
import { CrowdSlider } from './crowd-slider.js';
import { get, inner, mount, press, settle } from './test-helpers.js';

function type(field: HTMLInputElement | HTMLTextAreaElement, text: string) {
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('crowd-input', () => {
  it('renders its attributes on a labelled field and answers { name: text }', async () => {
    await mount(
      '<crowd-input name="city" label="City" placeholder="e.g. Lima" max-length="20" type="text"></crowd-input>',
    );
    const element = get('crowd-input', CrowdInput);
    const field = inner(element, 'input', HTMLInputElement);
    expect(inner(element, 'label', HTMLLabelElement).textContent).toBe('City');
    expect(field.placeholder).toBe('e.g. Lima');
    expect(field.maxLength).toBe(20);
    type(field, 'Quito');
    expect(element.answers()).toEqual({ city: 'Quito' });
  });

  it('is required and has a minimum length when told', async () => {
    await mount('<crowd-input name="w" label="Word" required min-length="3"></crowd-input>');
    const element = get('crowd-input', CrowdInput);
    expect(element.validationMessage()).toBe('Word is required.');
    type(inner(element, 'input', HTMLInputElement), 'ab');
    expect(element.validationMessage()).toBe('Word needs at least 3 characters.');
    type(inner(element, 'input', HTMLInputElement), 'abc');
    expect(element.validationMessage()).toBe('');
  });

  it('drops characters the allowed-pattern does not allow', async () => {
    await mount('<crowd-input name="n" allowed-pattern="[0-9]"></crowd-input>');
    const element = get('crowd-input', CrowdInput);
    type(inner(element, 'input', HTMLInputElement), '1a2b');
    expect(element.answers()).toEqual({ n: '12' });
  });
});

describe('crowd-text-area', () => {
  it('answers its text and counts characters when asked', async () => {
    await mount(
      '<crowd-text-area name="t" label="Transcript" rows="4" char-counter max-length="100"></crowd-text-area>',
    );
    const element = get('crowd-text-area', CrowdTextArea);
    const field = inner(element, 'textarea', HTMLTextAreaElement);
    expect(field.getAttribute('rows')).toBe('4');
    type(field, 'hello');
    await settle();
    expect(element.answers()).toEqual({ t: 'hello' });
    expect(element.shadowRoot?.querySelector('.counter')?.textContent).toContain('5 / 100');
  });

  it('renders an input and a textarea from one template, each with only its own attributes', async () => {
    await mount(`<crowd-input name="i" label="I" min-length="2" max-length="9"></crowd-input>
      <crowd-text-area name="t" label="T" min-length="2" max-length="9"></crowd-text-area>`);
    const names = (field: Element) => field.getAttributeNames().sort();
    const input = inner(get('crowd-input', CrowdInput), 'input', HTMLInputElement);
    const area = inner(get('crowd-text-area', CrowdTextArea), 'textarea', HTMLTextAreaElement);
    expect(names(input)).toEqual(
      [
        'aria-describedby',
        'aria-invalid',
        'id',
        'maxlength',
        'minlength',
        'name',
        'part',
        'type',
      ].sort(),
    );
    expect(names(area)).toEqual(
      ['aria-describedby', 'aria-invalid', 'id', 'maxlength', 'part', 'rows'].sort(),
    );
    expect(area.getAttribute('aria-describedby')).toBe('problem counter');
    expect(area.textContent).toBe('');
  });
});

describe('crowd-checkbox and crowd-toggle-button', () => {
  it('answers { name: { value: checked } } with "on" when no value is given', async () => {
    await mount(`<crowd-checkbox name="agree">I agree</crowd-checkbox>
      <crowd-checkbox name="color" value="red" checked>Red</crowd-checkbox>
      <crowd-toggle-button name="night"></crowd-toggle-button>`);
    const agree = get('crowd-checkbox[name="agree"]', CrowdCheckbox);
    expect(agree.answers()).toEqual({ agree: { on: false } });
    inner(agree, 'input', HTMLInputElement).click();
    expect(agree.answers()).toEqual({ agree: { on: true } });
    expect(get('crowd-checkbox[name="color"]', CrowdCheckbox).answers()).toEqual({
      color: { red: true },
    });
    const toggle = get('crowd-toggle-button', CrowdToggleButton);
    const button = inner(toggle, '[role="switch"]', HTMLButtonElement);
    expect(button.getAttribute('aria-label')).toBe('night');
    button.click();
    await settle();
    expect(button.getAttribute('aria-checked')).toBe('true');
    expect(toggle.answers()).toEqual({ night: { on: true } });
  });

  it('must be checked when required', async () => {
    await mount('<crowd-checkbox name="ok" required>Confirm</crowd-checkbox>');
    const box = get('crowd-checkbox', CrowdCheckbox);
    expect(box.validationMessage()).toBe('Confirm: must be checked.');
    box.checked = true;
    expect(box.validationMessage()).toBe('');
  });
});

describe('crowd-radio-group', () => {
  const GROUP = `<crowd-radio-group required>
    <crowd-radio-button name="yes" value="yes">Yes</crowd-radio-button>
    <crowd-radio-button name="no" value="no">No</crowd-radio-button>
  </crowd-radio-group>`;

  it('answers MTurk’s shape for every button and chooses one at a time', async () => {
    await mount(GROUP);
    const group = get('crowd-radio-group', CrowdRadioGroup);
    expect(group.getAttribute('role')).toBe('radiogroup');
    expect(group.validationMessage()).toBe('Choose one of the options.');
    get('crowd-radio-button[name="no"]', CrowdRadioButton).click();
    await settle();
    expect(group.answers()).toEqual({ yes: { yes: false }, no: { no: true } });
    expect(group.validationMessage()).toBe('');
    expect(
      get('crowd-radio-button[name="no"]', CrowdRadioButton).getAttribute('aria-checked'),
    ).toBe('true');
  });

  it('moves the choice with the arrow keys, with one tab stop', async () => {
    await mount(GROUP);
    const yes = get('crowd-radio-button[name="yes"]', CrowdRadioButton);
    const no = get('crowd-radio-button[name="no"]', CrowdRadioButton);
    expect([yes.tabIndex, no.tabIndex]).toEqual([0, -1]);
    press(yes, 'ArrowDown');
    await settle();
    expect(no.checked).toBe(true);
    expect([yes.tabIndex, no.tabIndex]).toEqual([-1, 0]);
    press(no, 'ArrowDown');
    expect(yes.checked).toBe(true);
  });
});

describe('crowd-slider', () => {
  it('answers a number within min and max, moved by its range input', async () => {
    await mount(
      '<crowd-slider name="level" min="0" max="10" step="1" value="3" pin></crowd-slider>',
    );
    const slider = get('crowd-slider', CrowdSlider);
    const range = inner(slider, 'input[type="range"]', HTMLInputElement);
    expect(range.min).toBe('0');
    expect(range.max).toBe('10');
    expect(range.getAttribute('aria-label')).toBe('level');
    expect(slider.answers()).toEqual({ level: 3 });
    type(range, '7');
    await settle();
    expect(slider.answers()).toEqual({ level: 7 });
    expect(slider.shadowRoot?.querySelector('output')?.textContent).toBe('7');
  });

  it('when required without a starting value, must be moved once', async () => {
    await mount('<crowd-slider name="s" label="Confidence" required editable></crowd-slider>');
    const slider = get('crowd-slider', CrowdSlider);
    expect(slider.validationMessage()).toContain('move the slider');
    type(inner(slider, 'input[type="number"]', HTMLInputElement), '40');
    expect(slider.validationMessage()).toBe('');
    expect(slider.answers()).toEqual({ s: 40 });
  });

  it('names its bar by its label and the number field after it, both bounded alike', async () => {
    await mount(
      '<crowd-slider name="s" label="Confidence" min="10" max="50" step="5" value="20" editable></crowd-slider>',
    );
    const slider = get('crowd-slider', CrowdSlider);
    const range = inner(slider, 'input[type="range"]', HTMLInputElement);
    const number = inner(slider, 'input[type="number"]', HTMLInputElement);
    const attributes = (input: HTMLInputElement) =>
      Object.fromEntries([...input.attributes].map((a) => [a.name, a.value]));
    expect(attributes(range)).toEqual({
      type: 'range',
      part: 'slider',
      min: '10',
      max: '50',
      step: '5',
      'aria-labelledby': 'label',
      'aria-describedby': 'problem',
    });
    expect(attributes(number)).toEqual({
      type: 'number',
      min: '10',
      max: '50',
      step: '5',
      'aria-label': 'Confidence (number)',
    });
    expect([range.value, number.value]).toEqual(['20', '20']);
    type(number, '35');
    await settle();
    expect(range.value).toBe('35');
  });
});

// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import './index.js';
import { CrowdClassifier, CrowdImageClassifier } from './crowd-classifier.js';
import { parseList } from './shared.js';
import { get, inner, mount, press, settle } from './test-helpers.js';

const CLASSIFIER = `<crowd-classifier name="sentiment" categories="['Positive', 'Negative', 'Neutral']" header="How does it feel?">
  <classification-target>I loved it</classification-target>
  <short-instructions>Pick one.</short-instructions>
  <full-instructions header="Sentiment rules"><p>Long rules</p></full-instructions>
</crowd-classifier>`;

describe('parseList', () => {
  it('reads JSON and Amazon’s single-quoted lists, and nothing else', () => {
    expect(parseList('["a","b"]')).toEqual(['a', 'b']);
    expect(parseList("['Cat', 'Dog\\'s toy']")).toEqual(['Cat', "Dog's toy"]);
    expect(parseList('Cat, Dog')).toEqual([]);
    expect(parseList(null)).toEqual([]);
  });
});

describe('crowd-classifier', () => {
  it('renders the header, its regions and one radio per category, numbered for the keyboard', async () => {
    await mount(CLASSIFIER);
    const classifier = get('crowd-classifier', CrowdClassifier);
    expect(inner(classifier, 'h2', HTMLHeadingElement).textContent).toBe('How does it feel?');
    const radios = [...(classifier.shadowRoot?.querySelectorAll('input[type="radio"]') ?? [])];
    expect(
      radios.map((radio) => radio.closest('label')?.textContent?.replace(/\s+/g, ' ').trim()),
    ).toEqual(['Positive1', 'Negative2', 'Neutral3']);
    expect(classifier.querySelector('classification-target')?.slot).toBe('classification-target');
    expect(classifier.querySelector('full-instructions')?.slot).toBe('full-instructions');
    expect(inner(classifier, '#full-header', HTMLHeadingElement).textContent).toBe(
      'Sentiment rules',
    );
  });

  it('answers { name: { label } } and needs a choice before submitting', async () => {
    await mount(CLASSIFIER);
    const classifier = get('crowd-classifier', CrowdClassifier);
    expect(classifier.answers()).toEqual({});
    expect(classifier.validationMessage()).toBe('How does it feel?: choose a category.');
    inner(classifier, 'input[type="radio"]', HTMLInputElement).click();
    expect(classifier.answers()).toEqual({ sentiment: { label: 'Positive' } });
    expect(classifier.validationMessage()).toBe('');
  });

  it('chooses with the number keys, except while the worker types in a field', async () => {
    await mount(`${CLASSIFIER}<input id="note">`);
    const classifier = get('crowd-classifier', CrowdClassifier);
    press(document.body, '2');
    expect(classifier.answers()).toEqual({ sentiment: { label: 'Negative' } });
    press(document.body, '9');
    expect(classifier.answers()).toEqual({ sentiment: { label: 'Negative' } });
    press(get('#note', HTMLInputElement), '3');
    expect(classifier.answers()).toEqual({ sentiment: { label: 'Negative' } });
    press(document.body, '3');
    await settle();
    expect(classifier.answers()).toEqual({ sentiment: { label: 'Neutral' } });
    expect(
      [...(classifier.shadowRoot?.querySelectorAll('input') ?? [])].map(
        (radio) => radio instanceof HTMLInputElement && radio.checked,
      ),
    ).toEqual([false, false, true]);
  });

  it('opens its full instructions in a dialog', async () => {
    await mount(CLASSIFIER);
    const classifier = get('crowd-classifier', CrowdClassifier);
    const open = [...(classifier.shadowRoot?.querySelectorAll('button') ?? [])].find((button) =>
      button.textContent?.includes('View full instructions'),
    );
    open?.click();
    expect(inner(classifier, 'dialog', HTMLDialogElement).open).toBe(true);
  });
});

describe('crowd-image-classifier', () => {
  it('shows the image, described by the header, and answers like crowd-classifier', async () => {
    await mount(
      '<crowd-image-classifier name="animal" src="https://example.test/cat.jpg" header="Which animal?" categories=\'["Cat","Dog"]\'></crowd-image-classifier>',
    );
    const classifier = get('crowd-image-classifier', CrowdImageClassifier);
    const image = inner(classifier, 'img', HTMLImageElement);
    expect(image.getAttribute('src')).toBe('https://example.test/cat.jpg');
    expect(image.alt).toBe('Which animal?');
    press(document.body, '2');
    expect(classifier.answers()).toEqual({ animal: { label: 'Dog' } });
  });
});

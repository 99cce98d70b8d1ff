import { describe, expect, it } from 'vitest';
import { crowdElementsIn, filledAttribute } from './crowd-elements.js';

const AMAZON_STYLE = `<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form answer-format="flatten-objects">
  <crowd-bounding-box
    name="annotatedResult"
    src="\${image_url}"
    header="Draw a box around each vehicle"
    labels="['car', 'van']"
  >
    <full-instructions header="Vehicles">Box every vehicle.</full-instructions>
  </crowd-bounding-box>
  <crowd-classifier name='weather' categories="['Sunny', 'Rainy']" header="Weather?"></crowd-classifier>
  <crowd-entity-annotation name=entities text="\${sentence}" labels='[{"label":"person"}]'/>
</crowd-form>`;

describe('crowdElementsIn', () => {
  it('lists each named element with its attributes as written, in order', () => {
    const elements = crowdElementsIn(AMAZON_STYLE);
    expect(elements.map((e) => [e.tag, e.name])).toEqual([
      ['crowd-bounding-box', 'annotatedResult'],
      ['crowd-classifier', 'weather'],
      ['crowd-entity-annotation', 'entities'],
    ]);
    expect(elements[0]?.attributes.src).toBe('${image_url}');
    expect(elements[0]?.attributes.labels).toBe("['car', 'van']");
    expect(elements[2]?.attributes.labels).toBe('[{"label":"person"}]');
  });

  it('skips crowd-form, unnamed elements and a second element of the same name', () => {
    const html = `<crowd-form><crowd-button>Go</crowd-button>
      <crowd-input name="a"></crowd-input><CROWD-INPUT NAME="a" label="again"></CROWD-INPUT></crowd-form>`;
    expect(crowdElementsIn(html).map((e) => e.name)).toEqual(['a']);
  });

  it('keeps a ">" inside a quoted attribute within the tag', () => {
    const [element] = crowdElementsIn(`<crowd-input name="n" label="a > b" required>`);
    expect(element?.attributes).toEqual({ name: 'n', label: 'a > b', required: '' });
  });

  it('finds nothing in a template without crowd elements', () => {
    expect(crowdElementsIn('<form><input name="crowd-x"></form>')).toEqual([]);
  });
});

describe('filledAttribute', () => {
  const [box] = crowdElementsIn(`<crowd-bounding-box name="b" src="https://cdn.test/\${id}.jpg">`);
  it('fills placeholders from the row, raw, and is undefined for a missing attribute', () => {
    if (!box) throw new Error('no element');
    expect(filledAttribute(box, 'src', { id: 'a&b' })).toBe('https://cdn.test/a&b.jpg');
    expect(filledAttribute(box, 'src', {})).toBe('https://cdn.test/.jpg');
    expect(filledAttribute(box, 'header', { id: '1' })).toBeUndefined();
  });
});

import { AMAZON_CROWD_SCRIPT, type GalleryTemplate } from './model.js';

// Templates that ask a worker's opinion, ask them to find something, or to compare two things.

export const survey: GalleryTemplate = {
  id: 'survey',
  title: 'Short survey',
  category: 'Surveys',
  description: 'A few questions about a product: a choice, a rating on a slider and a comment.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <h2>About \${product}</h2>
  <p>How often do you use it?</p>
  <crowd-radio-group>
    <crowd-radio-button name="daily" value="daily">Every day</crowd-radio-button>
    <crowd-radio-button name="weekly" value="weekly">Every week</crowd-radio-button>
    <crowd-radio-button name="rarely" value="rarely">Rarely or never</crowd-radio-button>
  </crowd-radio-group>
  <crowd-slider name="satisfaction" label="How satisfied are you, from 0 to 10?" min="0" max="10" step="1" pin required></crowd-slider>
  <crowd-text-area name="comment" label="Anything you would change?" rows="3"></crowd-text-area>
</crowd-form>`,
  sampleRows: [{ product: 'a bicycle' }, { product: 'a library card' }],
};

export const dataCollection: GalleryTemplate = {
  id: 'data-collection',
  title: 'Find a web address',
  category: 'Surveys',
  description: 'Workers look up a business and give its website and phone number.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <h2>Find the official website of \${business} in \${city}</h2>
  <crowd-input name="website" type="url" label="Website address" placeholder="https://" required></crowd-input>
  <crowd-input name="phone" label="Phone number, as shown on the site"></crowd-input>
  <crowd-checkbox name="not_found">I could not find an official website</crowd-checkbox>
</crowd-form>`,
  sampleRows: [
    { business: 'Corner Shop', city: 'Leeds' },
    { business: 'Riverside Library', city: 'Oslo' },
  ],
};

export const comparison: GalleryTemplate = {
  id: 'comparison',
  title: 'Compare two items',
  category: 'Surveys',
  description: 'Workers read two answers to one question and choose the better one.',
  html: `${AMAZON_CROWD_SCRIPT}
<style>
  .pair { display: flex; gap: 16px; }
  .pair section { flex: 1; border: 1px solid #ccc; border-radius: 6px; padding: 8px 12px; }
</style>
<crowd-form>
  <h2>\${question}</h2>
  <div class="pair">
    <section aria-label="Answer A"><h3>Answer A</h3><p>\${answer_a}</p></section>
    <section aria-label="Answer B"><h3>Answer B</h3><p>\${answer_b}</p></section>
  </div>
  <p>Which answer is better?</p>
  <crowd-radio-group>
    <crowd-radio-button name="a_better" value="a">A is better</crowd-radio-button>
    <crowd-radio-button name="b_better" value="b">B is better</crowd-radio-button>
    <crowd-radio-button name="tie" value="tie">They are as good as each other</crowd-radio-button>
  </crowd-radio-group>
  <crowd-input name="why" label="Why, in a few words?"></crowd-input>
</crowd-form>`,
  sampleRows: [
    {
      question: 'How do I keep bread fresh?',
      answer_a: 'Keep it in a bread bin or a paper bag at room temperature.',
      answer_b: 'Put it in the fridge.',
    },
    {
      question: 'What is the capital of Australia?',
      answer_a: 'Sydney.',
      answer_b: 'Canberra.',
    },
  ],
};

import { AMAZON_CROWD_SCRIPT, type GalleryTemplate } from './model.js';

// Templates about a piece of text: its sentiment, its topics, the names in it, whether it is fit
// to publish.

export const sentiment: GalleryTemplate = {
  id: 'sentiment',
  title: 'Sentiment of a review',
  category: 'Text',
  description: 'Workers read a short text and say whether it is positive, negative or neutral.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <crowd-classifier name="sentiment" categories="['Positive', 'Negative', 'Neutral']"
    header="What is the sentiment of this review?">
    <classification-target>\${review}</classification-target>
    <short-instructions>Choose the feeling the writer expresses about the product.</short-instructions>
    <full-instructions header="Sentiment">
      <p><strong>Positive</strong>: the writer is pleased. <strong>Negative</strong>: the writer is
      unhappy. <strong>Neutral</strong>: facts only, or mixed feelings.</p>
    </full-instructions>
  </crowd-classifier>
</crowd-form>`,
  sampleRows: [
    { review: 'Arrived early and works perfectly. Would buy again!' },
    { review: 'The kettle leaks after two days, sadly.' },
    { review: 'It is a kettle. It boils water.' },
  ],
};

export const multiLabel: GalleryTemplate = {
  id: 'multi-label',
  title: 'Topics of an article (multi-label)',
  category: 'Text',
  description: 'Workers tick every topic a headline is about; any number may apply.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <h2>Which topics is this headline about?</h2>
  <blockquote>\${headline}</blockquote>
  <p>Tick every topic that applies.</p>
  <crowd-checkbox name="politics">Politics</crowd-checkbox><br>
  <crowd-checkbox name="business">Business</crowd-checkbox><br>
  <crowd-checkbox name="science">Science</crowd-checkbox><br>
  <crowd-checkbox name="sport">Sport</crowd-checkbox><br>
  <crowd-checkbox name="culture">Culture</crowd-checkbox>
</crowd-form>`,
  sampleRows: [
    { headline: 'Parliament votes to fund the new space telescope' },
    { headline: 'Local club signs sponsor in record shirt deal' },
  ],
};

export const entityTagging: GalleryTemplate = {
  id: 'entity-tagging',
  title: 'Tag names in a sentence',
  category: 'Text',
  description: 'Workers highlight the people, organisations and places named in a text.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <crowd-entity-annotation name="entities" header="Highlight every name and choose its kind"
    labels="[{'label': 'person', 'fullDisplayName': 'Person'}, {'label': 'organization', 'fullDisplayName': 'Organisation'}, {'label': 'location', 'fullDisplayName': 'Place'}]"
    text="\${text}">
    <full-instructions header="Named entities">
      <p>Select the words of a name, then choose its kind. Titles such as "Dr" are not part of it.</p>
    </full-instructions>
    <short-instructions>Select a name, then choose Person, Organisation or Place.</short-instructions>
  </crowd-entity-annotation>
</crowd-form>`,
  sampleRows: [
    { text: 'Ada Lovelace worked with Charles Babbage in London.' },
    { text: 'The Red Cross opened an office in Nairobi last spring.' },
  ],
};

export const contentModeration: GalleryTemplate = {
  id: 'content-moderation',
  title: 'Moderate a comment',
  category: 'Text',
  description: 'Workers decide whether a user comment may be published, and flag why not.',
  html: `${AMAZON_CROWD_SCRIPT}
<crowd-form>
  <crowd-classifier name="verdict" categories="['Fine to publish', 'Spam', 'Abusive', 'Off topic']"
    header="May this comment be published?">
    <classification-target>
      <p><strong>On:</strong> \${page}</p>
      <p>\${comment}</p>
    </classification-target>
    <short-instructions>Choose the first verdict that applies.</short-instructions>
    <full-instructions header="Moderation rules">
      <p>Spam sells or links to something unrelated. Abusive attacks a person or a group.
      Off topic is about something else than the page.</p>
    </full-instructions>
  </crowd-classifier>
</crowd-form>`,
  sampleRows: [
    { page: 'Bread recipes', comment: 'Worked a treat with rye flour too.' },
    { page: 'Bread recipes', comment: 'CHEAP WATCHES at best-watch-deals dot com!!!' },
  ],
};

import type { z } from 'zod';
import type { createProjectBodySchema } from '../../shared/api/projects.js';

type ProjectInput = z.input<typeof createProjectBodySchema>;

/** Who the demo signs in as. The passwords are printed at start-up: this is test data. */
export const DEMO_ACCOUNTS = {
  requester: {
    email: 'requester@demo.tessera.local',
    password: 'demo-requester-pass',
    displayName: 'Ada at Lovelace Labs',
  },
  worker: {
    email: 'worker@demo.tessera.local',
    password: 'demo-worker-pass',
    displayName: 'Grace Worker',
  },
} as const;

export const DEMO_FUNDS_CENTS = 50_000;

const REVIEWS = [
  'Arrived a day early and works perfectly.',
  'The strap broke after a week. Disappointed.',
  'It does what it says, nothing more.',
  'Best purchase I have made this year!',
  'Customer service never answered my emails.',
  'Decent quality for the price.',
  'Colour is different from the photos, but I like it.',
  'Stopped charging after two days.',
  'Lovely packaging and a handwritten note, thank you!',
  'Too small. I had to return it.',
  'Works, though the manual is confusing.',
  'Exactly as described. Would buy again.',
];

const ADDRESSES = [
  ['221B Baker Street, London NW1 6XE, United Kingdom', 'London'],
  ['1600 Pennsylvania Avenue NW, Washington, DC 20500, USA', 'Washington'],
  ['Champ de Mars, 5 Avenue Anatole France, 75007 Paris, France', 'Paris'],
  ['Plaza de la Constitución S/N, Centro, 06000 Ciudad de México', 'Ciudad de México'],
  ['1 Chome-1-2 Oshiage, Sumida City, Tokyo 131-0045, Japan', 'Tokyo'],
  ['Rua Jardim Botânico 1008, Rio de Janeiro 22460-030, Brazil', 'Rio de Janeiro'],
  ['Unter den Linden 77, 10117 Berlin, Germany', 'Berlin'],
  ['12 Marina Road, Victoria Island, Lagos, Nigeria', 'Lagos'],
] as const;

/** A form project: sentiment of product reviews, 36 tasks, 2 workers each. */
export const sentimentProject: ProjectInput = {
  title: 'Label the sentiment of product reviews',
  description:
    'Read a short customer review and say whether it is positive, neutral or negative. About 20 seconds each.',
  keywords: ['sentiment', 'reviews', 'classification', 'quick'],
  instructions:
    '## What to do\n\nRead the review and choose the sentiment the **customer** expresses.\n\n- *Positive*: happy, would recommend\n- *Neutral*: neither happy nor unhappy\n- *Negative*: unhappy, complaining\n\nIf the review mixes both, choose what dominates.',
  rewardCents: 8,
  assignmentsPerTask: 2,
  timeAllottedSeconds: 600,
  // About 20 seconds each: $14.40 an hour, above any sensible MIN_HOURLY_CENTS.
  estimatedSeconds: 20,
  autoApproveSeconds: 3 * 24 * 3600,
  template: {
    kind: 'form',
    items: [
      { type: 'instructions', name: 'review', text: '> {{review}}' },
      {
        type: 'single_choice',
        name: 'sentiment',
        label: 'What is the sentiment of this review?',
        required: true,
        options: [
          { value: 'positive', label: 'Positive' },
          { value: 'neutral', label: 'Neutral' },
          { value: 'negative', label: 'Negative' },
        ],
      },
      {
        type: 'text',
        name: 'comment',
        label: 'Anything unusual about this review? (optional)',
        required: false,
        maxLength: 200,
      },
    ],
  },
  qualificationRequirements: [],
};

export const sentimentRows = Array.from({ length: 36 }, (_, i) => ({
  review: REVIEWS[i % REVIEWS.length] ?? '',
  product_id: `P-${1000 + i}`,
}));

/** An MTurk-style HTML project: find the city in an address, 32 tasks. */
export const addressProject: ProjectInput = {
  title: 'Find the city in a postal address',
  description:
    'Type the city named in an international postal address. Quick, no account needed elsewhere.',
  keywords: ['data entry', 'addresses', 'html'],
  instructions: 'Type the **city** exactly as it is written in the address, without the postcode.',
  rewardCents: 5,
  assignmentsPerTask: 1,
  timeAllottedSeconds: 300,
  // $12 an hour.
  estimatedSeconds: 15,
  autoApproveSeconds: 3 * 24 * 3600,
  template: {
    kind: 'html',
    html: [
      '<style>body{font-family:system-ui,sans-serif;margin:16px;color:#1a1b1e}',
      'blockquote{font-size:18px;border-left:4px solid #1c7ed6;margin:0 0 16px;padding:8px 12px;background:#f1f3f5}',
      'label{display:block;font-weight:600;margin-bottom:6px}input{font:inherit;padding:8px;width:320px}',
      'button{font:inherit;margin-top:12px;padding:8px 16px}</style>',
      '<blockquote>${address}</blockquote>',
      '<form><label for="city">City</label>',
      '<input id="city" name="city" required maxlength="100" autocomplete="off">',
      '<div><button type="submit">Submit</button></div></form>',
    ].join('\n'),
  },
  qualificationRequirements: [],
};

export const addressRows = Array.from({ length: 32 }, (_, i) => {
  const [address] = ADDRESSES[i % ADDRESSES.length] ?? ['', ''];
  return { address, reference: `A-${i + 1}` };
});

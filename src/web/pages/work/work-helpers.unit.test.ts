import { describe, expect, it } from 'vitest';
import { fillFormTemplate, formTemplateSchema } from '../../../shared/templates/index.js';
import { ApiError } from '../../api/client.js';
import { acceptProblem } from './accept.js';
import { answersToSubmit, checkAnswers, describeAnswer, serverAnswerErrors } from './answers.js';
import { formatDuration, formatTimeLeft, msUntil } from './time.js';

const template = formTemplateSchema.parse({
  kind: 'form',
  items: [
    { type: 'instructions', name: 'intro', text: 'Look at **{{word}}**.' },
    { type: 'image', name: 'photo', url: '{{url}}' },
    {
      type: 'single_choice',
      name: 'fruit',
      label: 'Is it a fruit?',
      required: true,
      options: [
        { value: 'yes', label: 'Yes' },
        { value: 'no', label: 'No' },
      ],
    },
    { type: 'text', name: 'note', label: 'Note', maxLength: 5 },
    { type: 'number', name: 'count', label: 'How many?', min: 1, max: 3 },
    {
      type: 'multiple_choice',
      name: 'colours',
      label: 'Colours',
      options: [
        { value: 'red', label: 'Red' },
        { value: 'green', label: 'Green' },
      ],
    },
  ],
});
// As the work page gets them: filled, with the image address made unusable by bad data.
const { items } = fillFormTemplate(template, { word: 'apple', url: 'javascript:alert(1)' });

describe('answersToSubmit', () => {
  it('sends questions only, and leaves unanswered ones out', () => {
    expect(
      answersToSubmit(items, {
        fruit: 'yes',
        note: '   ',
        count: undefined,
        colours: [],
        intro: 'not a question',
      }),
    ).toEqual({ fruit: 'yes' });
  });
});

describe('checkAnswers', () => {
  it('accepts answers the server accepts, on the filled items', () => {
    expect(checkAnswers(items, { fruit: 'no', note: 'ok', count: 2, colours: ['red'] })).toEqual(
      {},
    );
  });

  it('names each item that is missing, too long, out of range or not an option', () => {
    expect(checkAnswers(items, {})).toEqual({ fruit: 'This question needs an answer' });
    expect(checkAnswers(items, { fruit: 'maybe', note: 'too long', count: 7 })).toEqual({
      fruit: '"maybe" is not one of the options',
      note: 'Must be at most 5 characters',
      count: 'Must be at most 3',
    });
  });
});

describe('serverAnswerErrors', () => {
  it('maps the API’s body.answers.<item> details to items', () => {
    const error = new ApiError(400, 'invalid_answers', 'Invalid answers', [
      { path: 'body.answers.fruit', message: 'is required' },
      { path: 'body.answers.note', message: 'must be at most 5 characters' },
      { path: 'body.answers', message: 'has more than 200 fields' },
      { path: 'body.other', message: 'ignored' },
    ]);
    expect(serverAnswerErrors(error)).toEqual({
      fruit: 'This question needs an answer',
      note: 'Must be at most 5 characters',
      '': 'Has more than 200 fields',
    });
  });

  it('finds nothing in other failures', () => {
    expect(serverAnswerErrors(new ApiError(409, 'expired', 'Expired'))).toEqual({});
    expect(serverAnswerErrors(new Error('boom'))).toEqual({});
  });
});

describe('describeAnswer', () => {
  it('reads options by their labels and joins lists', () => {
    const colours = items.find((item) => item.name === 'colours');
    expect(describeAnswer(colours, ['red', 'green'])).toBe('Red, Green');
    expect(describeAnswer(undefined, 'free text')).toBe('free text');
    expect(describeAnswer(undefined, ['a', 'b'])).toBe('a, b');
  });
});

describe('time', () => {
  it('says a length of time in words, to its two largest units', () => {
    expect(formatDuration(30)).toBe('30 seconds');
    expect(formatDuration(60)).toBe('1 minute');
    expect(formatDuration(3_600)).toBe('1 hour');
    expect(formatDuration(5_400)).toBe('1 hour 30 minutes');
    expect(formatDuration(2 * 86_400 + 300)).toBe('2 days');
    expect(formatDuration(86_400 + 7_200)).toBe('1 day 2 hours');
    expect(formatDuration(0)).toBe('0 seconds');
  });

  it('shows time left as a clock, rounding seconds up until the deadline passes', () => {
    expect(formatTimeLeft(65_000)).toBe('1:05');
    expect(formatTimeLeft(59_001)).toBe('1:00');
    expect(formatTimeLeft(1)).toBe('0:01');
    expect(formatTimeLeft(0)).toBe('0:00');
    expect(formatTimeLeft(-5_000)).toBe('0:00');
    expect(formatTimeLeft(3_723_000)).toBe('1:02:03');
    expect(formatTimeLeft(2 * 86_400_000 + 3 * 3_600_000)).toBe('2 d 3 h');
  });

  it('measures from now to the deadline', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(msUntil('2026-01-01T00:01:00Z', now)).toBe(60_000);
    expect(msUntil('2025-12-31T23:59:59Z', now)).toBe(-1_000);
  });
});

describe('acceptProblem', () => {
  it('explains each reason a task cannot be accepted', () => {
    expect(acceptProblem(new ApiError(409, 'no_task_available', 'x')).title).toBe(
      'No tasks left for you',
    );
    expect(
      acceptProblem(new ApiError(409, 'project_not_available', 'This project is paused.')),
    ).toEqual({ title: 'This project is closed', message: 'This project is paused.' });
    expect(acceptProblem(new ApiError(403, 'not_qualified', 'Not qualified.')).title).toBe(
      'You are not qualified for this project',
    );
    expect(acceptProblem(new ApiError(403, 'own_project', 'Own project.')).title).toBe(
      'This is your own project',
    );
    expect(acceptProblem(new ApiError(404, 'not_found', 'Project not found')).title).toBe(
      'Project not found',
    );
    expect(acceptProblem(new Error('boom')).title).toBe('Could not accept the task');
  });

  it('lists each requirement a worker fails, as the server explains it', () => {
    const hint =
      'Approval rate must be at least 95 %. Yours: 80 % (80 of 100 decided tasks approved).';
    const details = {
      unmet: [
        {
          index: 0,
          requirement: {
            qualificationTypeId: '00000000-0000-4000-8000-000000000001',
            name: 'Approval rate',
            comparator: 'GreaterThanOrEqualTo',
            integerValues: [95],
          },
          workerValue: 80,
          hint,
          testAvailable: false,
        },
      ],
    };
    expect(acceptProblem(new ApiError(403, 'not_qualified', 'Not qualified.', details))).toEqual({
      title: 'You are not qualified for this project',
      message: 'Not qualified. The requester decides who may work on it.',
      reasons: [hint],
      tests: [],
    });
  });

  it('tells a worker stopped by the gold accuracy floor why, with the numbers', () => {
    const stopped = new ApiError(403, 'quality_too_low', 'Stopped.', {
      accuracyPercent: 40,
      minimumPercent: 70,
    });
    expect(acceptProblem(stopped)).toEqual({
      title: 'You no longer get tasks from this project',
      message:
        'Your accuracy on known-answer tasks is 40 % (minimum 70 %). Other projects are not affected.',
    });
  });
});

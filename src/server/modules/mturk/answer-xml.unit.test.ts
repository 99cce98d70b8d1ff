import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { questionFormAnswers } from './answer-xml.js';

describe('questionFormAnswers', () => {
  it('writes one Answer per field, escaped, that an XML parser reads back as given', () => {
    const xml = questionFormAnswers({
      label: 'cat & <dog> "quoted"',
      tags: ['a', 'b'],
      count: 3,
      agreed: true,
      box: { left: 1 },
      empty: null,
    });
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as {
      QuestionFormAnswers: { Answer: { QuestionIdentifier: string; FreeText: string }[] };
    };
    expect(parsed.QuestionFormAnswers.Answer).toEqual([
      { QuestionIdentifier: 'label', FreeText: 'cat & <dog> "quoted"' },
      { QuestionIdentifier: 'tags', FreeText: 'a|b' },
      { QuestionIdentifier: 'count', FreeText: '3' },
      { QuestionIdentifier: 'agreed', FreeText: 'true' },
      { QuestionIdentifier: 'box', FreeText: '{"left":1}' },
      { QuestionIdentifier: 'empty', FreeText: '' },
    ]);
  });

  it('is an empty QuestionFormAnswers without answers', () => {
    expect(questionFormAnswers({})).toMatch(
      /<QuestionFormAnswers xmlns="[^"]+"><\/QuestionFormAnswers>$/,
    );
  });

  it("answers a form's choice items with SelectionIdentifiers, its other items with FreeText", () => {
    const options = [
      { value: 'red', label: 'Red' },
      { value: 'b&w', label: 'Black and white' },
    ];
    const xml = questionFormAnswers(
      { colour: 'b&w', colours: ['red', 'b&w'], why: 'red' },
      {
        kind: 'form',
        items: [
          { type: 'single_choice', name: 'colour', label: '', required: false, options },
          { type: 'multiple_choice', name: 'colours', label: '', required: false, options },
          { type: 'text', name: 'why', label: '', required: false },
        ],
      },
    );
    expect(xml).toContain(
      '<Answer><QuestionIdentifier>colour</QuestionIdentifier><SelectionIdentifier>b&amp;w</SelectionIdentifier></Answer>',
    );
    expect(xml).toContain(
      '<Answer><QuestionIdentifier>colours</QuestionIdentifier><SelectionIdentifier>red</SelectionIdentifier><SelectionIdentifier>b&amp;w</SelectionIdentifier></Answer>',
    );
    expect(xml).toContain(
      '<Answer><QuestionIdentifier>why</QuestionIdentifier><FreeText>red</FreeText></Answer>',
    );
  });
});

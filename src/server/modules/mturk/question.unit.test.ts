import { describe, expect, it } from 'vitest';
import { MturkError } from './mturk-errors.js';
import { parseQuestion, QUESTION_MAX_CHARS, questionTemplate } from './question.js';

const NS = 'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11';

function refusal(xml: string): MturkError {
  try {
    parseQuestion(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(MturkError);
    return error as MturkError;
  }
  throw new Error('the question was accepted');
}

describe('parseQuestion', () => {
  it("reads an HTMLQuestion with CDATA, as MTurk's examples write it", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<HTMLQuestion xmlns="${NS}/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html><html><body><p>\${word} & co</p></body></html>]]></HTMLContent>
  <FrameHeight>450</FrameHeight>
</HTMLQuestion>`;
    expect(parseQuestion(xml)).toEqual({
      kind: 'html',
      html: '<!DOCTYPE html><html><body><p>${word} & co</p></body></html>',
      frameHeight: 450,
    });
  });

  it('decodes escaped HTML content (no CDATA) once', () => {
    const xml = `<HTMLQuestion xmlns="${NS}/HTMLQuestion.xsd"><HTMLContent>&lt;p&gt;a &amp;amp; b &#233;&lt;/p&gt;</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
    expect(parseQuestion(xml)).toMatchObject({ html: '<p>a &amp; b é</p>' });
  });

  it('reads an ExternalQuestion and frames its https address', () => {
    const xml = `<ExternalQuestion xmlns="${NS}/ExternalQuestion.xsd"><ExternalURL>https://tasks.example.org/hit?x=1&amp;y=2</ExternalURL><FrameHeight>600</FrameHeight></ExternalQuestion>`;
    const question = parseQuestion(xml);
    expect(question).toEqual({
      kind: 'external',
      url: 'https://tasks.example.org/hit?x=1&y=2',
      frameHeight: 600,
    });
    expect(questionTemplate(question)).toEqual({
      kind: 'html',
      html: '<iframe data-tessera-external-question src="https://tasks.example.org/hit?x=1&amp;y=2" title="Task" referrerpolicy="no-referrer" style="display:block;width:100%;height:600px;border:0"></iframe>',
    });
  });

  it('never expands entities: a billion-laughs bomb and an external entity are refused', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><HTMLQuestion><HTMLContent>&lol2;</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
    expect(refusal(bomb).turkErrorCode).toBe('AWS.MechanicalTurk.XMLParseError');
    const external = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><HTMLQuestion><HTMLContent>&xxe;</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
    expect(refusal(external).message).toMatch(/DOCTYPE/);
  });

  it('leaves an undeclared entity as written', () => {
    const xml = `<HTMLQuestion><HTMLContent>&nbsp;x</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
    expect(parseQuestion(xml)).toMatchObject({ html: '&nbsp;x' });
  });

  it('refuses what is not one of the question schemas, or is broken', () => {
    expect(refusal('<Question>hi</Question>').message).toMatch(/not a question schema/);
    expect(refusal('<HTMLQuestion><HTMLContent>x</HTMLContent>').statusCode).toBe(400);
    expect(refusal('not xml at all').type).toBe('RequestError');
    expect(refusal('<HTMLQuestion><FrameHeight>1</FrameHeight></HTMLQuestion>').message).toMatch(
      /HTMLContent/,
    );
    expect(
      refusal(
        '<HTMLQuestion><HTMLContent>x</HTMLContent><FrameHeight>tall</FrameHeight></HTMLQuestion>',
      ).message,
    ).toMatch(/FrameHeight/);
    expect(
      refusal('<HTMLQuestion><HTMLContent>x</HTMLContent><Script>y</Script></HTMLQuestion>')
        .message,
    ).toMatch(/Script/);
    expect(
      refusal(
        '<ExternalQuestion><ExternalURL>http://plain.example.org/</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>',
      ).message,
    ).toMatch(/https/);
    expect(
      refusal(
        '<ExternalQuestion><ExternalURL>javascript:alert(1)</ExternalURL><FrameHeight>0</FrameHeight></ExternalQuestion>',
      ).message,
    ).toMatch(/https/);
    expect(refusal('<QuestionForm><Question/></QuestionForm>').message).toMatch(/namespace/);
  });

  it(`refuses a Question over ${QUESTION_MAX_CHARS} characters`, () => {
    const html = 'x'.repeat(QUESTION_MAX_CHARS);
    const xml = `<HTMLQuestion><HTMLContent>${html}</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
    expect(refusal(xml).message).toMatch(/limit is 131072/);
  });
});

import { describe, expect, it } from 'vitest';
import { MturkError } from './mturk-errors.js';
import { QUESTION_FORM_NAMESPACES, questionFormTemplate } from './question-form.js';
import { QUESTION_MAX_CHARS } from './question-xml.js';

const [NS_2017, NS_2005] = QUESTION_FORM_NAMESPACES;

const form = (body: string, ns: string = NS_2017) =>
  `<?xml version="1.0" encoding="UTF-8"?><QuestionForm xmlns="${ns}">${body}</QuestionForm>`;

const question = (id: string, answer: string, extra = '') =>
  `<Question><QuestionIdentifier>${id}</QuestionIdentifier>${extra}<QuestionContent><Text>Question ${id}?</Text></QuestionContent><AnswerSpecification>${answer}</AnswerSpecification></Question>`;

function refusal(xml: string): MturkError {
  try {
    questionFormTemplate(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(MturkError);
    if (error instanceof MturkError) {
      expect(error.type).toBe('RequestError');
      expect(error.turkErrorCode).toBe('AWS.MechanicalTurk.XMLParseError');
      return error;
    }
  }
  throw new Error('the QuestionForm was accepted');
}

describe('questionFormTemplate', () => {
  it('turns the overview into instructions and media items, in document order', () => {
    const xml = form(
      `<Overview><Title>Sort &amp; label</Title><Text>Read *carefully*.</Text><List><ListItem>one</ListItem><ListItem>two</ListItem></List>` +
        `<Binary><MimeType><Type>image</Type><SubType>png</SubType></MimeType><DataURL>https://img.example.org/a.png</DataURL><AltText>A cat</AltText></Binary>` +
        `<FormattedContent><![CDATA[<p>First <b>para</b></p><ul><li>x</li></ul>]]></FormattedContent></Overview>` +
        question('q1', '<FreeTextAnswer/>'),
    );
    expect(questionFormTemplate(xml).items).toEqual([
      {
        type: 'instructions',
        name: 'content_1',
        label: '',
        text: '### Sort \\& label\n\nRead \\*carefully\\*\\.\n\n- one\n- two',
      },
      {
        type: 'image',
        name: 'content_2',
        label: '',
        url: 'https://img.example.org/a.png',
        alt: 'A cat',
      },
      { type: 'instructions', name: 'content_3', label: '', text: 'First para\n\n\\- x' },
      { type: 'text', name: 'q1', label: 'Question q1?', required: false },
    ]);
  });

  it('reads both namespaces', () => {
    for (const ns of [NS_2017, NS_2005]) {
      expect(questionFormTemplate(form(question('a', '<FreeTextAnswer/>'), ns)).items).toHaveLength(
        1,
      );
    }
  });

  it('maps FreeTextAnswer constraints: number, length, pattern, lines, default text, required', () => {
    const xml = form(
      question(
        'age',
        '<FreeTextAnswer><Constraints><IsNumeric minValue="18" maxValue="120"/></Constraints></FreeTextAnswer>',
        '<IsRequired>true</IsRequired>',
      ) +
        question(
          'code',
          '<FreeTextAnswer><Constraints><Length minLength="2" maxLength="8"/><AnswerFormatRegex regex="[A-Z]+" errorText="Capitals only"/></Constraints><DefaultText>ABC</DefaultText></FreeTextAnswer>',
        ) +
        question(
          'essay',
          '<FreeTextAnswer><NumberOfLinesSuggestion>6</NumberOfLinesSuggestion></FreeTextAnswer>',
        ),
    );
    expect(questionFormTemplate(xml).items).toEqual([
      {
        type: 'number',
        name: 'age',
        label: 'Question age?',
        required: true,
        min: 18,
        max: 120,
        step: 1,
      },
      {
        type: 'text',
        name: 'code',
        label: 'Question code?',
        required: false,
        placeholder: 'ABC',
        minLength: 2,
        maxLength: 8,
        pattern: '[A-Z]+',
        patternMessage: 'Capitals only',
      },
      { type: 'textarea', name: 'essay', label: 'Question essay?', required: false, rows: 6 },
    ]);
  });

  it('maps SelectionAnswer by its style and counts: single, multiple, dropdown', () => {
    const selections =
      '<Selections><Selection><SelectionIdentifier>red</SelectionIdentifier><Text>Red</Text></Selection><Selection><SelectionIdentifier>blue</SelectionIdentifier><FormattedContent><![CDATA[<i>Blue</i>]]></FormattedContent></Selection></Selections>';
    const xml = form(
      question(
        'one',
        `<SelectionAnswer><StyleSuggestion>radiobutton</StyleSuggestion>${selections}</SelectionAnswer>`,
      ) +
        question(
          'many',
          `<SelectionAnswer><MinSelectionCount>1</MinSelectionCount><MaxSelectionCount>2</MaxSelectionCount><StyleSuggestion>checkbox</StyleSuggestion>${selections}</SelectionAnswer>`,
        ) +
        question(
          'pick',
          `<SelectionAnswer><StyleSuggestion>dropdown</StyleSuggestion>${selections}</SelectionAnswer>`,
        ) +
        question('plain', `<SelectionAnswer>${selections}</SelectionAnswer>`),
    );
    const options = [
      { value: 'red', label: 'Red' },
      { value: 'blue', label: 'Blue' },
    ];
    expect(questionFormTemplate(xml).items).toEqual([
      { type: 'single_choice', name: 'one', label: 'Question one?', required: false, options },
      {
        type: 'multiple_choice',
        name: 'many',
        label: 'Question many?',
        required: true,
        options,
        minSelected: 1,
        maxSelected: 2,
      },
      { type: 'dropdown', name: 'pick', label: 'Question pick?', required: false, options },
      { type: 'single_choice', name: 'plain', label: 'Question plain?', required: false, options },
    ]);
  });

  it('shows rich question content before the answer, labelled by DisplayName', () => {
    const xml = form(
      `<Question><QuestionIdentifier>q</QuestionIdentifier><DisplayName>Colour</DisplayName><QuestionContent><Title>Look</Title><Binary><MimeType><Type>video</Type></MimeType><DataURL>https://v.example.org/a.mp4</DataURL><AltText>clip</AltText></Binary></QuestionContent><AnswerSpecification><FreeTextAnswer/></AnswerSpecification></Question>`,
    );
    expect(
      questionFormTemplate(xml).items.map((item) => [item.type, item.name, item.label]),
    ).toEqual([
      ['instructions', 'content_1', ''],
      ['video', 'content_2', 'clip'],
      ['text', 'q', 'Colour'],
    ]);
  });

  it('never names a display item like a question', () => {
    const xml = form(
      `<Overview><Text>hi</Text></Overview>${question('content_1', '<FreeTextAnswer/>')}`,
    );
    expect(questionFormTemplate(xml).items.map((item) => item.name)).toEqual([
      'content_2',
      'content_1',
    ]);
  });

  it('refuses what a form cannot do, saying what', () => {
    expect(
      refusal(
        form(
          question(
            'f',
            '<FileUploadAnswer><MaxFileSizeInBytes>10</MaxFileSizeInBytes><MinFileSizeInBytes>1</MinFileSizeInBytes></FileUploadAnswer>',
          ),
        ),
      ).message,
    ).toMatch(/FileUploadAnswer/);
    expect(
      refusal(
        form(
          question(
            'o',
            '<SelectionAnswer><Selections><OtherSelection/></Selections></SelectionAnswer>',
          ),
        ),
      ).message,
    ).toMatch(/OtherSelection/);
    expect(
      refusal(
        form(
          `<Overview><Application><JavaApplet/></Application></Overview>${question('a', '<FreeTextAnswer/>')}`,
        ),
      ).message,
    ).toMatch(/Application/);
    expect(
      refusal(form(question('a', '<FreeTextAnswer/>') + '<Script>x</Script>')).message,
    ).toMatch(/Script/);
    expect(refusal(form(question('bad-id', '<FreeTextAnswer/>'))).message).toMatch(
      /QuestionIdentifier "bad-id"/,
    );
    expect(
      refusal(
        form(
          question(
            'r',
            '<FreeTextAnswer><Constraints><AnswerFormatRegex regex="a" flags="i"/></Constraints></FreeTextAnswer>',
          ),
        ),
      ).message,
    ).toMatch(/flags/);
    expect(
      refusal(
        form(
          question(
            'r',
            '<FreeTextAnswer><Constraints><AnswerFormatRegex regex="(a+)+"/></Constraints></FreeTextAnswer>',
          ),
        ),
      ).message,
    ).toMatch(/r\.pattern/);
    expect(
      refusal(
        form(
          question(
            'n',
            '<FreeTextAnswer><Constraints><IsNumeric minValue="x"/></Constraints></FreeTextAnswer>',
          ),
        ),
      ).message,
    ).toMatch(/minValue/);
    expect(
      refusal(
        form(
          question(
            's',
            '<SelectionAnswer><StyleSuggestion>wheel</StyleSuggestion><Selections/></SelectionAnswer>',
          ),
        ),
      ).message,
    ).toMatch(/StyleSuggestion/);
    expect(
      refusal(form(question('a', '<FreeTextAnswer/>') + question('a', '<FreeTextAnswer/>')))
        .message,
    ).toMatch(/repeats the name/);
    expect(refusal(form('<Overview><Text>only</Text></Overview>')).message).toMatch(
      /at least one Question/,
    );
  });

  it('refuses bad XML, a foreign namespace and another root', () => {
    expect(refusal('<QuestionForm').message).toMatch(/not valid/);
    expect(refusal(form(question('a', '<FreeTextAnswer/>'), 'urn:other')).message).toMatch(
      /namespace/,
    );
    expect(refusal(`<HTMLQuestion xmlns="${NS_2017}"/>`).message).toMatch(
      /QuestionForm was expected/,
    );
  });

  it('never expands entities: a bomb and an external entity are refused, others stay as written', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>${form(question('a', '<FreeTextAnswer/>').replace('Question a?', '&lol2;'))}`;
    expect(refusal(bomb).message).toMatch(/DOCTYPE/);
    const xxe = `<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${form(question('a', '<FreeTextAnswer/>').replace('Question a?', '&xxe;'))}`;
    expect(refusal(xxe).message).toMatch(/DOCTYPE/);
    const undeclared = form(
      question('a', '<FreeTextAnswer/>').replace('Question a?', '&xxe; &lt;b&gt;'),
    );
    expect(questionFormTemplate(undeclared).items[0]).toMatchObject({ label: '&xxe; <b>' });
  });

  it(`refuses a QuestionForm over ${QUESTION_MAX_CHARS} characters`, () => {
    const long = form(`<Overview><Text>${'x'.repeat(QUESTION_MAX_CHARS)}</Text></Overview>`);
    expect(refusal(long).message).toMatch(/limit is 131072/);
  });
});

import {
  CreateQualificationTypeCommand,
  GetQualificationScoreCommand,
  GetQualificationTypeCommand,
  ListQualificationTypesCommand,
  MTurkServiceException,
  UpdateQualificationTypeCommand,
  type CreateQualificationTypeCommandInput,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp, type Client } from '../../../../test/helpers/app.js';
import { createAccessKey, listenForMturk, mturkClient } from '../../../../test/helpers/mturk.js';
import { signUpRequester } from '../../../../test/helpers/projects.js';

const ctx = await createTestApp();
const { app } = ctx;
const endpoint = await listenForMturk(app, 29301);

const FORM_NS =
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2017-11-06/QuestionForm.xsd';
const KEY_NS =
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2005-10-01/AnswerKey.xsd';

function selection(id: string, options: string[], extra = '') {
  const choices = options
    .map(
      (o) =>
        `<Selection><SelectionIdentifier>${o}</SelectionIdentifier><Text>${o}</Text></Selection>`,
    )
    .join('');
  return `<Question><QuestionIdentifier>${id}</QuestionIdentifier><IsRequired>true</IsRequired>
    <QuestionContent><Text>Pick for ${id}</Text></QuestionContent>
    <AnswerSpecification><SelectionAnswer>${extra}<Selections>${choices}</Selections></SelectionAnswer></AnswerSpecification>
  </Question>`;
}

const TEST = `<QuestionForm xmlns="${FORM_NS}">
  <Overview><Title>Colour check</Title><Text>Two questions about colours.</Text></Overview>
  ${selection('sky', ['blue', 'green', 'red'])}
  ${selection('warm', ['red', 'orange', 'blue'], '<StyleSuggestion>checkbox</StyleSuggestion>')}
  <Question><QuestionIdentifier>why</QuestionIdentifier>
    <QuestionContent><Text>Why?</Text></QuestionContent>
    <AnswerSpecification><FreeTextAnswer/></AnswerSpecification>
  </Question>
</QuestionForm>`;

function answerKey(mapping = '', questions?: string) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<AnswerKey xmlns="${KEY_NS}">
  ${
    questions ??
    `<Question><QuestionIdentifier>sky</QuestionIdentifier>
    <AnswerOption><SelectionIdentifier>blue</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption>
    <AnswerOption><SelectionIdentifier>green</SelectionIdentifier><AnswerScore>0</AnswerScore></AnswerOption>
  </Question>
  <Question><QuestionIdentifier>warm</QuestionIdentifier>
    <AnswerOption><SelectionIdentifier>red</SelectionIdentifier><SelectionIdentifier>orange</SelectionIdentifier><AnswerScore>3</AnswerScore></AnswerOption>
  </Question>`
  }
  ${mapping}
</AnswerKey>`;
}

async function requester() {
  const r = await signUpRequester(app);
  return { ...r, mturk: mturkClient(endpoint, await createAccessKey(r.client)) };
}

async function requestErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MTurkServiceException);
  const e = error as MTurkServiceException;
  expect(e.name).toBe('RequestError');
  expect(e.$metadata.httpStatusCode).toBe(400);
  return e.message;
}

function createTested(
  mturk: MTurkClient,
  extra: Partial<CreateQualificationTypeCommandInput> = {},
) {
  return mturk.send(
    new CreateQualificationTypeCommand({
      Name: `Colours ${Math.random().toString(36).slice(2, 8)}`,
      Description: 'Knows colours',
      QualificationTypeStatus: 'Active',
      Test: TEST,
      AnswerKey: answerKey(),
      TestDurationInSeconds: 600,
      RetryDelayInSeconds: 0,
      ...extra,
    }),
  );
}

/** A worker takes the test through Tessera's REST API, as the web app does. */
async function takeTest(worker: Client, typeId: string, answers: Record<string, unknown>) {
  const started = await worker.post(`/api/v1/qualification-types/${typeId}/test-attempts`);
  expect(started.statusCode, started.body).toBe(201);
  const attempt = started.json<{ id: string; template: { items: { name: string }[] } }>();
  // The worker gets the questions and never the key.
  expect(started.body).not.toContain('AnswerScore');
  expect(started.body).not.toContain('answerKey');
  const submitted = await worker.post(`/api/v1/test-attempts/${attempt.id}/submit`, { answers });
  expect(submitted.statusCode, submitted.body).toBe(200);
  return { attempt, result: submitted.json<{ score: number; passed: boolean }>() };
}

function scoreOf(mturk: MTurkClient, typeId: string, workerId: string) {
  return mturk
    .send(new GetQualificationScoreCommand({ QualificationTypeId: typeId, WorkerId: workerId }))
    .then((r) => r.Qualification);
}

describe('qualification tests through the AWS SDK', () => {
  it('creates a type with Test and AnswerKey that workers take in Tessera, scored as MTurk would', async () => {
    const { mturk } = await requester();
    const created = await createTested(mturk);
    const typeId = created.QualificationType!.QualificationTypeId!;
    expect(created.QualificationType).toMatchObject({
      Test: TEST,
      AnswerKey: answerKey(),
      TestDurationInSeconds: 600,
      RetryDelayInSeconds: 0,
      IsRequestable: true,
      AutoGranted: false,
    });
    const { QualificationType } = await mturk.send(
      new GetQualificationTypeCommand({ QualificationTypeId: typeId }),
    );
    expect(QualificationType).toMatchObject({ Test: TEST, AnswerKey: answerKey() });

    const good = await signUp(app, { roles: ['worker'] });
    const { attempt, result } = await takeTest(good.client, typeId, {
      sky: 'blue',
      warm: ['orange', 'red'],
      why: 'because',
    });
    expect(attempt.template.items.map((item) => item.name)).toEqual([
      'content_1',
      'sky',
      'warm',
      'why',
    ]);
    expect(result).toMatchObject({ score: 4, passed: true });
    expect(await scoreOf(mturk, typeId, good.user.id)).toMatchObject({
      IntegerValue: 4,
      Status: 'Granted',
    });

    // MTurk grants every scored attempt its score: a requirement on the value tells them apart.
    const poor = await signUp(app, { roles: ['worker'] });
    const second = await takeTest(poor.client, typeId, {
      sky: 'green',
      warm: ['red'],
      why: '',
    });
    expect(second.result).toMatchObject({ score: 0 });
    expect(await scoreOf(mturk, typeId, poor.user.id)).toMatchObject({ IntegerValue: 0 });
  });

  it('maps ScaleMapping and PercentageMapping onto the points granted', async () => {
    const { mturk } = await requester();
    const worker = await signUp(app, { roles: ['worker'] });
    const answers = { sky: 'blue', warm: ['red'], why: 'x' };

    const scaled = await createTested(mturk, {
      AnswerKey: answerKey(
        '<QualificationValueMapping><ScaleMapping><SummedScoreMultiplier>10</SummedScoreMultiplier></ScaleMapping></QualificationValueMapping>',
      ),
    });
    const scaledId = scaled.QualificationType!.QualificationTypeId!;
    expect((await takeTest(worker.client, scaledId, answers)).result.score).toBe(10);
    expect(await scoreOf(mturk, scaledId, worker.user.id)).toMatchObject({ IntegerValue: 10 });

    const percent = await createTested(mturk, {
      AnswerKey: answerKey(
        '<QualificationValueMapping><PercentageMapping><MaximumSummedScore>4</MaximumSummedScore></PercentageMapping></QualificationValueMapping>',
      ),
    });
    const percentId = percent.QualificationType!.QualificationTypeId!;
    expect((await takeTest(worker.client, percentId, answers)).result.score).toBe(25);
    expect(await scoreOf(mturk, percentId, worker.user.id)).toMatchObject({ IntegerValue: 25 });
  });

  it('replaces a type’s test through UpdateQualificationType', async () => {
    const { mturk } = await requester();
    const typeId = (await createTested(mturk)).QualificationType!.QualificationTypeId!;
    const onlySky = answerKey(
      '',
      `<Question><QuestionIdentifier>sky</QuestionIdentifier>
      <AnswerOption><SelectionIdentifier>green</SelectionIdentifier><AnswerScore>7</AnswerScore></AnswerOption></Question>`,
    );
    const updated = await mturk.send(
      new UpdateQualificationTypeCommand({
        QualificationTypeId: typeId,
        Test: TEST,
        AnswerKey: onlySky,
        TestDurationInSeconds: 120,
      }),
    );
    expect(updated.QualificationType).toMatchObject({
      AnswerKey: onlySky,
      TestDurationInSeconds: 120,
    });
    const worker = await signUp(app, { roles: ['worker'] });
    const { result } = await takeTest(worker.client, typeId, {
      sky: 'green',
      warm: ['red'],
      why: 'x',
    });
    expect(result.score).toBe(7);
  });

  it('never shows another requester the type, its Test or its AnswerKey', async () => {
    const { mturk } = await requester();
    const typeId = (await createTested(mturk)).QualificationType!.QualificationTypeId!;
    const other = await requester();
    expect(
      await requestErrorOf(
        other.mturk.send(new GetQualificationTypeCommand({ QualificationTypeId: typeId })),
      ),
    ).toContain('does not exist');
    expect(
      await requestErrorOf(
        other.mturk.send(
          new UpdateQualificationTypeCommand({
            QualificationTypeId: typeId,
            Test: TEST,
            AnswerKey: answerKey(),
            TestDurationInSeconds: 60,
          }),
        ),
      ),
    ).toContain('does not exist');
    const { QualificationType } = await mturk.send(
      new GetQualificationTypeCommand({ QualificationTypeId: typeId }),
    );
    expect(QualificationType).toMatchObject({ AnswerKey: answerKey(), TestDurationInSeconds: 600 });
  });

  it('refuses what it cannot score, storing nothing', async () => {
    const { mturk } = await requester();
    const refusals: [Partial<CreateQualificationTypeCommandInput>, string][] = [
      [{ AnswerKey: '<AnswerKey><Question>' }, 'The AnswerKey is not valid'],
      [
        {
          AnswerKey: `<?xml version="1.0"?><!DOCTYPE k [<!ENTITY lol "lol">]><AnswerKey xmlns="${KEY_NS}"><Question><QuestionIdentifier>&lol;</QuestionIdentifier></Question></AnswerKey>`,
        },
        'a DOCTYPE or ENTITY declaration is not allowed',
      ],
      [
        {
          Test: `<!DOCTYPE q [<!ENTITY x "xx">]><QuestionForm xmlns="${FORM_NS}"/>`,
        },
        'a DOCTYPE or ENTITY declaration is not allowed',
      ],
      [
        {
          AnswerKey: answerKey(
            '',
            '<Question><QuestionIdentifier>colour</QuestionIdentifier><AnswerOption><SelectionIdentifier>blue</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption></Question>',
          ),
        },
        'question colour is not a Question of the Test',
      ],
      [
        {
          AnswerKey: answerKey(
            '',
            '<Question><QuestionIdentifier>sky</QuestionIdentifier><AnswerOption><SelectionIdentifier>purple</SelectionIdentifier><AnswerScore>1</AnswerScore></AnswerOption></Question>',
          ),
        },
        'AnswerKey.sky.value',
      ],
      [
        {
          AnswerKey: answerKey(
            '<QualificationValueMapping><RangeMapping><OutOfRangeQualificationValue>0</OutOfRangeQualificationValue></RangeMapping></QualificationValueMapping>',
          ),
        },
        'RangeMapping has no equivalent',
      ],
      [
        {
          AnswerKey: answerKey(
            '<QualificationValueMapping><PercentageMapping><MaximumSummedScore>3</MaximumSummedScore></PercentageMapping></QualificationValueMapping>',
          ),
        },
        'MaximumSummedScore 3',
      ],
      [{ AnswerKey: undefined }, 'A Test needs its AnswerKey'],
      [{ TestDurationInSeconds: undefined }, 'TestDurationInSeconds is required with a Test'],
      [{ TestDurationInSeconds: 5 }, 'TestDurationInSeconds: must be at least 30 seconds'],
      [{ AutoGranted: true }, 'cannot be AutoGranted'],
    ];
    for (const [extra, message] of refusals) {
      expect(await requestErrorOf(createTested(mturk, extra))).toContain(message);
    }
    const { NumResults } = await mturk.send(
      new ListQualificationTypesCommand({ MustBeRequestable: false, MustBeOwnedByCaller: true }),
    );
    expect(NumResults).toBe(0);
  });
});

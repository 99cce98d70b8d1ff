import {
  CreateHITCommand,
  CreateHITTypeCommand,
  CreateHITWithHITTypeCommand,
  GetAccountBalanceCommand,
  GetHITCommand,
  ListHITsCommand,
  MTurkServiceException,
  type CreateHITCommandInput,
  type MTurkClient,
} from '@aws-sdk/client-mturk';
import { describe, expect, it } from 'vitest';
import { createTestApp, signUp } from '../../../../test/helpers/app.js';
import {
  createAccessKey,
  listenForMturk,
  mturkClient,
  signedFetch,
} from '../../../../test/helpers/mturk.js';
import { deposit, signUpRequester } from '../../../../test/helpers/projects.js';
import { fundedProject } from '../../../../test/helpers/review.js';
import { expectLedgerConsistent } from '../../../../test/helpers/ledger.js';

const ctx = await createTestApp();
const { app } = ctx;
const endpoint = await listenForMturk(app, 22511);

const HTML_QUESTION = `<?xml version="1.0" encoding="UTF-8"?>
<HTMLQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd">
  <HTMLContent><![CDATA[<!DOCTYPE html>
<html><body>
<script src="https://assets.crowd.aws/crowd-html-elements.js"></script>
<crowd-form><p>Is this a cat?</p><crowd-input name="answer" required></crowd-input></crowd-form>
<script>const label = \`answer: \${document.title}\`;</script>
</body></html>]]></HTMLContent>
  <FrameHeight>450</FrameHeight>
</HTMLQuestion>`;

const EXTERNAL_QUESTION = `<ExternalQuestion xmlns="http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2006-07-14/ExternalQuestion.xsd">
  <ExternalURL>https://tasks.example.org/survey?study=7</ExternalURL>
  <FrameHeight>600</FrameHeight>
</ExternalQuestion>`;

const HIT_TYPE = {
  Title: 'Is this a cat?',
  Description: 'Look at a photo and say whether it shows a cat',
  Keywords: 'image, cat, classification',
  Reward: '0.25',
  AssignmentDurationInSeconds: 600,
  AutoApprovalDelayInSeconds: 86_400,
};

const newHit = (overrides: Partial<CreateHITCommandInput> = {}): CreateHITCommandInput => ({
  ...HIT_TYPE,
  MaxAssignments: 3,
  LifetimeInSeconds: 3_600,
  Question: HTML_QUESTION,
  ...overrides,
});

async function requesterWith(cents: number) {
  const requester = await signUpRequester(app);
  if (cents > 0) await deposit(requester.client, cents);
  const key = await createAccessKey(requester.client);
  return { ...requester, mturk: mturkClient(endpoint, key) };
}

async function availableOf(mturk: MTurkClient) {
  return (await mturk.send(new GetAccountBalanceCommand({}))).AvailableBalance;
}

async function hitCount(mturk: MTurkClient) {
  return (await mturk.send(new ListHITsCommand({ MaxResults: 100 }))).NumResults;
}

/** The RequestError the SDK raised, with its TurkErrorCode. */
async function requestErrorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MTurkServiceException);
  const e = error as MTurkServiceException & { TurkErrorCode?: string };
  expect(e.name).toBe('RequestError');
  expect(e.$metadata.httpStatusCode).toBe(400);
  return { message: e.message, code: e.TurkErrorCode };
}

describe('CreateHIT with the AWS SDK', () => {
  it("creates an HTMLQuestion HIT, escrows its reward and answers it in MTurk's shape", async () => {
    const { mturk, client } = await requesterWith(10_00);
    const before = Math.floor(Date.now() / 1000);
    const { HIT } = await mturk.send(
      new CreateHITCommand(newHit({ RequesterAnnotation: 'batch 7' })),
    );
    expect(HIT).toMatchObject({
      Title: 'Is this a cat?',
      Description: 'Look at a photo and say whether it shows a cat',
      Keywords: 'image, cat, classification',
      Question: HTML_QUESTION,
      HITStatus: 'Assignable',
      HITReviewStatus: 'NotReviewed',
      MaxAssignments: 3,
      Reward: '0.25',
      AutoApprovalDelayInSeconds: 86_400,
      AssignmentDurationInSeconds: 600,
      RequesterAnnotation: 'batch 7',
      QualificationRequirements: [],
      NumberOfAssignmentsPending: 0,
      NumberOfAssignmentsAvailable: 3,
      NumberOfAssignmentsCompleted: 0,
    });
    expect(HIT!.CreationTime).toBeInstanceOf(Date);
    expect(HIT!.CreationTime!.getTime() / 1000).toBeGreaterThanOrEqual(before - 1);
    expect(HIT!.Expiration!.getTime()).toBe(
      Math.floor((ctx.clock.now().getTime() + 3_600_000) / 1000) * 1000,
    );
    // 3 assignments × $0.25 are held back from the available money.
    expect(await availableOf(mturk)).toBe('9.25');
    const balance = (await client.get('/api/v1/me/balance')).json();
    expect(balance).toMatchObject({ availableCents: 925, escrowCents: 75 });

    const got = await mturk.send(new GetHITCommand({ HITId: HIT!.HITId }));
    expect(got.HIT).toEqual(HIT);

    // To the web app it is an ordinary published project with one task.
    const project = (await client.get(`/api/v1/projects/${HIT!.HITGroupId}`)).json();
    expect(project).toMatchObject({ status: 'published', assignmentsPerTask: 3, rewardCents: 25 });
    expect(project.template.kind).toBe('html');
    await expectLedgerConsistent(ctx.database.db);
  });

  it('creates an ExternalQuestion HIT', async () => {
    const { mturk } = await requesterWith(5_00);
    const { HIT } = await mturk.send(
      new CreateHITCommand(newHit({ Question: EXTERNAL_QUESTION, MaxAssignments: 1 })),
    );
    expect(HIT).toMatchObject({
      Question: EXTERNAL_QUESTION,
      MaxAssignments: 1,
      HITStatus: 'Assignable',
    });
    expect(await availableOf(mturk)).toBe('4.75');
  });

  it('puts HITs of one HIT type and one Question in one project (one feed entry), others apart', async () => {
    const { mturk } = await requesterWith(20_00);
    const { HITTypeId } = await mturk.send(new CreateHITTypeCommand(HIT_TYPE));
    const again = await mturk.send(new CreateHITTypeCommand(HIT_TYPE));
    expect(again.HITTypeId).toBe(HITTypeId);
    const other = await mturk.send(new CreateHITTypeCommand({ ...HIT_TYPE, Reward: '0.30' }));
    expect(other.HITTypeId).not.toBe(HITTypeId);

    const first = await mturk.send(
      new CreateHITWithHITTypeCommand({
        HITTypeId,
        MaxAssignments: 2,
        LifetimeInSeconds: 3_600,
        Question: HTML_QUESTION,
      }),
    );
    const second = await mturk.send(
      new CreateHITWithHITTypeCommand({
        HITTypeId,
        MaxAssignments: 2,
        LifetimeInSeconds: 7_200,
        Question: HTML_QUESTION,
      }),
    );
    const external = await mturk.send(
      new CreateHITWithHITTypeCommand({
        HITTypeId,
        MaxAssignments: 2,
        LifetimeInSeconds: 3_600,
        Question: EXTERNAL_QUESTION,
      }),
    );
    expect(first.HIT!.HITTypeId).toBe(HITTypeId);
    expect(second.HIT!.HITGroupId).toBe(first.HIT!.HITGroupId);
    expect(second.HIT!.HITId).not.toBe(first.HIT!.HITId);
    expect(external.HIT!.HITGroupId).not.toBe(first.HIT!.HITGroupId);
    // The group's project stays open as long as its longest-lived HIT.
    const refreshed = await mturk.send(new GetHITCommand({ HITId: first.HIT!.HITId }));
    expect(refreshed.HIT!.Expiration).toEqual(second.HIT!.Expiration);

    const worker = await signUp(app, { roles: ['worker'] });
    const feed = (await worker.client.get('/api/v1/feed?limit=100')).json<{
      items: { projectId: string; tasksAvailable: number }[];
    }>();
    const entry = feed.items.filter((item) => item.projectId === first.HIT!.HITGroupId);
    expect(entry).toHaveLength(1);
    expect(entry[0]!.tasksAvailable).toBe(2);
    // 6 assignments × $0.25.
    expect(await availableOf(mturk)).toBe('18.50');
  });

  it('answers a reused UniqueRequestToken as MTurk does, naming the HIT, and charges once', async () => {
    const { mturk } = await requesterWith(5_00);
    const { HIT } = await mturk.send(
      new CreateHITCommand(newHit({ UniqueRequestToken: 'run-42' })),
    );
    const again = await requestErrorOf(
      mturk.send(new CreateHITCommand(newHit({ UniqueRequestToken: 'run-42' }))),
    );
    expect(again.code).toBe('AWS.MechanicalTurk.HitAlreadyExists');
    expect(again.message).toContain(HIT!.HITId);
    const otherRequest = await requestErrorOf(
      mturk.send(new CreateHITCommand(newHit({ UniqueRequestToken: 'run-42', MaxAssignments: 1 }))),
    );
    expect(otherRequest.code).toBe('AWS.MechanicalTurk.HitAlreadyExists');
    expect(await availableOf(mturk)).toBe('4.25');
    expect(await hitCount(mturk)).toBe(1);
    // Another requester's token of the same name is theirs.
    const other = await requesterWith(1_00);
    await other.mturk.send(
      new CreateHITCommand(newHit({ UniqueRequestToken: 'run-42', MaxAssignments: 1 })),
    );
  });
});

describe('GetHIT and ListHITs', () => {
  it('pages through my HITs, web-made projects included, with MaxResults and NextToken', async () => {
    const requester = await requesterWith(10_00);
    const { projectId } = await fundedProject(app, { requester, tasks: 2, slots: 1 });
    for (let i = 0; i < 3; i++) {
      await requester.mturk.send(new CreateHITCommand(newHit({ MaxAssignments: 1 })));
    }
    const seen: string[] = [];
    let NextToken: string | undefined;
    let pages = 0;
    do {
      const page = await requester.mturk.send(new ListHITsCommand({ MaxResults: 2, NextToken }));
      expect(page.NumResults).toBe(page.HITs!.length);
      expect(page.NumResults).toBeLessThanOrEqual(2);
      seen.push(...page.HITs!.map((hit) => hit.HITId!));
      NextToken = page.NextToken;
      pages++;
    } while (NextToken);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const webHits = (
      await requester.mturk.send(new ListHITsCommand({ MaxResults: 100 }))
    ).HITs!.filter((hit) => hit.HITGroupId === projectId);
    expect(webHits).toHaveLength(2);
    expect(webHits[0]).toMatchObject({
      HITTypeId: projectId,
      HITStatus: 'Assignable',
      MaxAssignments: 1,
    });
  });

  it("never shows another requester's HITs", async () => {
    const owner = await requesterWith(5_00);
    const stranger = await requesterWith(5_00);
    const { HIT } = await owner.mturk.send(new CreateHITCommand(newHit()));
    const refused = await requestErrorOf(
      stranger.mturk.send(new GetHITCommand({ HITId: HIT!.HITId })),
    );
    expect(refused.code).toBe('AWS.MechanicalTurk.HITDoesNotExist');
    expect(refused.message).toBe(`Hit ${HIT!.HITId} does not exist.`);
    expect(await hitCount(stranger.mturk)).toBe(0);
    const { HITTypeId } = await owner.mturk.send(new CreateHITTypeCommand(HIT_TYPE));
    const theirType = await requestErrorOf(
      stranger.mturk.send(
        new CreateHITWithHITTypeCommand({
          HITTypeId,
          LifetimeInSeconds: 60,
          Question: HTML_QUESTION,
        }),
      ),
    );
    expect(theirType.code).toBe('AWS.MechanicalTurk.HITTypeDoesNotExist');
    expect(await availableOf(stranger.mturk)).toBe('5.00');
  });

  it('refuses an unknown HITId and a NextToken it never gave', async () => {
    const { mturk } = await requesterWith(0);
    for (const HITId of [
      '3XYZNOTAHIT0000000000000000000',
      '00000000-0000-4000-8000-000000000999',
    ]) {
      expect((await requestErrorOf(mturk.send(new GetHITCommand({ HITId })))).code).toBe(
        'AWS.MechanicalTurk.HITDoesNotExist',
      );
    }
    const token = await requestErrorOf(mturk.send(new ListHITsCommand({ NextToken: 'bogus' })));
    expect(token.message).toMatch(/NextToken/);
    await requestErrorOf(mturk.send(new ListHITsCommand({ MaxResults: 101 })));
  });
});

describe('CreateHIT refuses bad input with a RequestError, and changes nothing', () => {
  const BOMB = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><HTMLQuestion><HTMLContent>&lol9;</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
  const cases: [string, Record<string, unknown>, RegExp][] = [
    ['MaxAssignments 0', { MaxAssignments: 0 }, /MaxAssignments/],
    [
      "MaxAssignments 1,000,000 (over Tessera's 100)",
      { MaxAssignments: 1_000_000 },
      /MaxAssignments/,
    ],
    ['Reward "-1"', { Reward: '-1' }, /Reward/],
    ['Reward "abc"', { Reward: 'abc' }, /Reward/],
    ['Reward "0.00"', { Reward: '0.00' }, /Reward/],
    [
      'LifetimeInSeconds beyond a year',
      { LifetimeInSeconds: 366 * 24 * 3600 },
      /LifetimeInSeconds/,
    ],
    [
      "AssignmentDurationInSeconds beyond Tessera's 7 days",
      { AssignmentDurationInSeconds: 8 * 24 * 3600 },
      /AssignmentDurationInSeconds/,
    ],
    ['a wrong type', { MaxAssignments: 'three' }, /MaxAssignments/],
    ['a Question that is not XML', { Question: 'Is this a cat?' }, /Question/],
    [
      'a Question of another schema',
      { Question: '<Survey><Q>1</Q></Survey>' },
      /not a question schema/,
    ],
    ['an XML bomb', { Question: BOMB }, /DOCTYPE/],
    [
      'an external entity',
      {
        Question:
          '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><HTMLQuestion><HTMLContent>&e;</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>',
      },
      /DOCTYPE/,
    ],
    [
      'a Question over 131,072 characters',
      {
        Question: `<HTMLQuestion><HTMLContent>${'x'.repeat(131_072)}</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`,
      },
      /131072/,
    ],
    ['no Question', { Question: undefined }, /Question/],
    ['a HIT layout', { Question: undefined, HITLayoutId: 'LAYOUT' }, /HITLayoutId/],
    [
      'an unknown qualification type',
      { QualificationRequirements: [{ QualificationTypeId: 'NOSUCHTYPE', Comparator: 'Exists' }] },
      /qualification/i,
    ],
    ['more money than there is', { MaxAssignments: 100, Reward: '1.00' }, /available balance/],
  ];

  it.each(cases)('%s', async (_name, overrides, message) => {
    const { mturk } = await requesterWith(10_00);
    const refused = await requestErrorOf(
      mturk.send(new CreateHITCommand({ ...newHit(), ...overrides })),
    );
    expect(refused.message).toMatch(message);
    expect(await availableOf(mturk)).toBe('10.00');
    expect(await hitCount(mturk)).toBe(0);
  });

  it('an unknown field (the SDK drops those, so the request is signed by hand)', async () => {
    const requester = await signUpRequester(app);
    await deposit(requester.client, 10_00);
    const key = await createAccessKey(requester.client);
    const res = await signedFetch(endpoint, key, {
      target: 'MTurkRequesterServiceV20170117.CreateHIT',
      body: JSON.stringify({ ...newHit(), Color: 'red' }),
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({
      __type: 'RequestError',
      TurkErrorCode: 'ParameterValidationError',
    });
    expect(res.body.Message).toContain('Color');
    const mturk = mturkClient(endpoint, key);
    expect(await availableOf(mturk)).toBe('10.00');
    expect(await hitCount(mturk)).toBe(0);
  });

  it("accepts MTurk's system qualification ids and answers them back", async () => {
    const { mturk } = await requesterWith(5_00);
    const requirements = [
      {
        QualificationTypeId: '000000000000000000L0',
        Comparator: 'GreaterThanOrEqualTo' as const,
        IntegerValues: [95],
      },
      {
        QualificationTypeId: '00000000000000000071',
        Comparator: 'In' as const,
        LocaleValues: [{ Country: 'US' }, { Country: 'DE' }],
      },
    ];
    const { HIT } = await mturk.send(
      new CreateHITCommand(newHit({ QualificationRequirements: requirements })),
    );
    expect(HIT!.QualificationRequirements).toEqual(
      requirements.map((r) => ({
        ...r,
        RequiredToPreview: true,
        ActionsGuarded: 'DiscoverPreviewAndAccept',
      })),
    );
  });
});

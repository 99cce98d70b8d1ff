import { createHash, randomBytes } from 'node:crypto';
import {
  createProjectBodySchema,
  PROJECT_LIMITS,
  type CreateProjectBody,
} from '../../../shared/api/projects.js';
import type { QualificationRequirement } from '../../../shared/api/qualifications.js';
import { isUuid } from '../../../shared/api/qualifications.js';
import { placeholdersOf } from '../../../shared/templates/fill.js';
import type { Clock } from '../../lib/clock.js';
import { canonicalJson } from '../../lib/canonical-json.js';
import type { IdempotencyKeys } from '../idempotency/idempotency.service.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { BatchesService } from '../projects/batches.service.js';
import type { LifecycleService } from '../projects/lifecycle.service.js';
import type { ProjectsService } from '../projects/projects.service.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
import type { HitRow, HitsRepository, HitTypeRow } from './hits.repository.js';
import { hitStatusOf } from './hit-presenter.js';
import { dollarsOf } from './money.js';
import { asRequestError, requestError } from './mturk-errors.js';
import { parseQuestion, questionTemplate } from './question.js';
import { uniqueRequestTokenScope } from './unique-request-token.js';

/** What a HIT type fixes, in Tessera's units. */
export type HitTypeSettings = {
  title: string;
  description: string;
  keywords: string[];
  rewardCents: number;
  assignmentDurationSeconds: number;
  autoApprovalDelaySeconds: number;
  qualificationRequirements: QualificationRequirement[];
};

export type NewHit = {
  question: string;
  maxAssignments: number;
  lifetimeSeconds: number;
  requesterAnnotation?: string | undefined;
  uniqueRequestToken?: string | undefined;
};

/** MTurk's answer for an unknown HIT, and for another requester's. */
export function hitDoesNotExist(id: string) {
  return requestError(`Hit ${id} does not exist.`, 'AWS.MechanicalTurk.HITDoesNotExist');
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** 30 capital letters and digits, like MTurk's ids. */
function newMturkId(): string {
  return [...randomBytes(30)].map((byte) => ID_ALPHABET[byte % ID_ALPHABET.length]).join('');
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Tessera's field names in a project body, as MTurk's parameters name them. */
const MTURK_NAMES: Record<string, string> = {
  title: 'Title',
  description: 'Description',
  keywords: 'Keywords',
  rewardCents: 'Reward',
  assignmentsPerTask: 'MaxAssignments',
  timeAllottedSeconds: 'AssignmentDurationInSeconds',
  autoApproveSeconds: 'AutoApprovalDelayInSeconds',
  expiresAt: 'LifetimeInSeconds',
  template: 'Question',
  qualificationRequirements: 'QualificationRequirements',
};

/** A project body checked by the web app's own rules, its problems told in MTurk's names. */
function projectBodyOf(input: Record<string, unknown>): CreateProjectBody {
  const parsed = createProjectBodySchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const [field, ...rest] = issue.path.map(String);
    const name = MTURK_NAMES[field ?? ''] ?? field;
    return `${[name, ...rest].join('.')}: ${issue.message}`;
  });
  throw requestError(
    `Invalid HIT: ${problems.join('; ')}`,
    'AWS.MechanicalTurk.InvalidParameterValue',
  );
}

/** The project a HIT group of `hitType` is: the type's terms, the group's question and slots. */
export function projectBodyOfType(
  hitType: HitTypeRow,
  group: { maxAssignments: number; expiresAt: Date; template: CreateProjectBody['template'] },
): CreateProjectBody {
  return projectBodyOf({
    title: hitType.title,
    description: hitType.description,
    keywords: hitType.keywords,
    rewardCents: hitType.reward_cents,
    assignmentsPerTask: group.maxAssignments,
    timeAllottedSeconds: hitType.assignment_duration_seconds,
    autoApproveSeconds: hitType.auto_approval_delay_seconds,
    expiresAt: group.expiresAt.toISOString(),
    template: group.template,
    qualificationRequirements: hitType.qualification_requirements,
  });
}

/**
 * HITs over Tessera's projects and tasks (docs/mturk.md): a HIT type is a requester's project
 * settings; HITs of one type, one Question and one MaxAssignments fill one project, a task each,
 * escrowed and published through the same services as the web app's.
 */
export function createHitsService(deps: {
  hits: HitsRepository;
  projects: Pick<ProjectsService, 'create' | 'update'>;
  batches: Pick<BatchesService, 'add'>;
  lifecycle: Pick<LifecycleService, 'publish' | 'cancel'>;
  ledger: Pick<LedgerService, 'balance' | 'feeFor'>;
  qualifications: Pick<QualificationsService, 'assertRequirementsUsable'>;
  idempotency: Pick<IdempotencyKeys, 'resourceOf'>;
  /** HITCreated to the HIT type's notification settings, once the HIT is committed. */
  notify: (ownerId: string, hit: HitRow, type: 'HITCreated') => Promise<void>;
  clock: Clock;
}) {
  const { hits, clock } = deps;

  async function hitAlreadyExists(batchId: string): Promise<never> {
    const taskId = await hits.taskOfBatch(batchId);
    throw requestError(
      `The HIT with ID ${taskId ?? 'unknown'} already exists: its UniqueRequestToken was used before.`,
      'AWS.MechanicalTurk.HitAlreadyExists',
    );
  }

  async function assertFundsFor(ownerId: string, rewardCents: number, maxAssignments: number) {
    const perAssignment = rewardCents + deps.ledger.feeFor(rewardCents);
    const needed = perAssignment * maxAssignments;
    const { availableCents } = await deps.ledger.balance(ownerId);
    if (availableCents < needed) {
      throw requestError(
        `This HIT needs ${dollarsOf(needed)} (MaxAssignments × Reward, with fees) and your available balance is ${dollarsOf(availableCents)}.`,
        'AWS.MechanicalTurk.InsufficientFunds',
      );
    }
  }

  async function requireHit(ownerId: string, hitId: string): Promise<HitRow> {
    const hit = isUuid(hitId) ? await hits.findHit(ownerId, hitId, clock.now()) : undefined;
    if (!hit) throw hitDoesNotExist(hitId);
    return hit;
  }

  return {
    /** The HIT type with these settings: the same settings give the same id, as on MTurk. */
    async createHitType(ownerId: string, settings: HitTypeSettings): Promise<HitTypeRow> {
      const requirements = await asRequestError(() =>
        deps.qualifications.assertRequirementsUsable(ownerId, settings.qualificationRequirements),
      );
      // The settings must make a valid project, so a HIT of this type can be created later.
      projectBodyOf({
        title: settings.title,
        description: settings.description,
        keywords: settings.keywords,
        rewardCents: settings.rewardCents,
        timeAllottedSeconds: settings.assignmentDurationSeconds,
        autoApproveSeconds: settings.autoApprovalDelaySeconds,
      });
      const fixed = { ...settings, qualificationRequirements: requirements };
      return hits.findOrCreateHitType({
        id: newMturkId(),
        owner_id: ownerId,
        settings_sha256: sha256(canonicalJson(fixed)),
        title: fixed.title,
        description: fixed.description,
        keywords: fixed.keywords,
        reward_cents: fixed.rewardCents,
        assignment_duration_seconds: fixed.assignmentDurationSeconds,
        auto_approval_delay_seconds: fixed.autoApprovalDelaySeconds,
        qualification_requirements: fixed.qualificationRequirements,
      });
    },

    async requireHitType(ownerId: string, hitTypeId: string): Promise<HitTypeRow> {
      const hitType = await hits.findHitType(ownerId, hitTypeId);
      if (!hitType) {
        throw requestError(
          `HITType ${hitTypeId} does not exist.`,
          'AWS.MechanicalTurk.HITTypeDoesNotExist',
        );
      }
      return hitType;
    },

    /**
     * One HIT of `hitType`: a task in the open project of its group (a new project, published
     * at once, when there is none), its slots escrowed from the requester's available money.
     * A UniqueRequestToken used in the last 24 hours is answered as MTurk does: an error naming
     * that HIT.
     */
    async createHit(ownerId: string, hitType: HitTypeRow, hit: NewHit): Promise<HitRow> {
      const template = questionTemplate(parseQuestion(hit.question));
      const idempotency = uniqueRequestTokenScope(ownerId, 'CreateHIT', hit.uniqueRequestToken);
      if (idempotency) {
        const earlier = await deps.idempotency.resourceOf(idempotency);
        if (earlier) await hitAlreadyExists(earlier);
      }
      const now = clock.now();
      const expiresAt = new Date(now.getTime() + hit.lifetimeSeconds * 1000);
      const body = projectBodyOfType(hitType, {
        maxAssignments: hit.maxAssignments,
        expiresAt,
        template,
      });
      // `${name}` in the requester's HTML (`{{name}}` in a form's texts) is their own text (often
      // JavaScript), not a column to fill: each task's data maps the name to the placeholder
      // itself, which fills it back.
      const columns = placeholdersOf(body.template);
      if (columns.length > PROJECT_LIMITS.batchColumns) {
        throw requestError(
          `The Question uses ${columns.length} distinct \${…} expressions; at most ${PROJECT_LIMITS.batchColumns} are supported.`,
          'AWS.MechanicalTurk.InvalidParameterValue',
        );
      }
      const placeholder = (column: string) =>
        body.template.kind === 'html' ? `\${${column}}` : `{{${column}}}`;
      const row = Object.fromEntries(columns.map((column) => [column, placeholder(column)]));
      await assertFundsFor(ownerId, hitType.reward_cents, hit.maxAssignments);

      const groupKey = {
        hitTypeId: hitType.id,
        questionSha256: sha256(hit.question),
        maxAssignments: hit.maxAssignments,
      };
      // The HIT is one task, added as a one-row batch (UniqueRequestToken → its Idempotency-Key).
      const addTask = (projectId: string) =>
        asRequestError(() =>
          deps.batches.add(
            ownerId,
            projectId,
            { kind: 'json', rows: [row] },
            { filename: null, idempotency },
          ),
        );
      const group = await hits.findOpenGroup(groupKey, now);
      let projectId: string;
      let batchId: string;
      if (group) {
        projectId = group.project_id;
        // A HIT that lives longer than its group's project keeps the project open for it.
        if (expiresAt > group.expires_at) {
          await asRequestError(() =>
            deps.projects.update(ownerId, projectId, { expiresAt: expiresAt.toISOString() }),
          );
        }
        const added = await addTask(projectId);
        if (added.replayed) await hitAlreadyExists(added.batch.id);
        batchId = added.batch.id;
      } else {
        const project = await asRequestError(() => deps.projects.create(ownerId, body));
        projectId = project.id;
        await hits.keepRejectedSlotsConsumed(projectId);
        const added = await addTask(projectId);
        batchId = added.batch.id;
        try {
          await asRequestError(() => deps.lifecycle.publish(ownerId, projectId));
        } catch (error) {
          // Not published (the money went elsewhere meanwhile): nothing is left on offer.
          await deps.lifecycle.cancel(ownerId, projectId);
          throw error;
        }
        await hits.insertGroup({
          projectId,
          hitTypeId: hitType.id,
          question: hit.question,
          questionSha256: groupKey.questionSha256,
          maxAssignments: hit.maxAssignments,
        });
      }
      const taskId = await hits.taskOfBatch(batchId);
      if (!taskId) throw new Error(`The batch ${batchId} of a new HIT has no task`);
      if (hit.requesterAnnotation !== undefined) {
        await hits.insertAnnotation(taskId, hit.requesterAnnotation);
      }
      const created = await requireHit(ownerId, taskId);
      await deps.notify(ownerId, created, 'HITCreated');
      return created;
    },

    getHit: requireHit,

    /** UpdateHITReviewStatus: Reviewable → Reviewing, or back with `revert`. */
    async setReviewing(ownerId: string, hitId: string, revert: boolean): Promise<void> {
      const hit = await requireHit(ownerId, hitId);
      const [from, to] = revert ? ['Reviewing', 'Reviewable'] : ['Reviewable', 'Reviewing'];
      const status = hitStatusOf(hit, clock.now());
      if (status !== from) {
        throw requestError(
          `The HIT ${hitId} is ${status}; only a ${from} HIT can be set to ${to}.`,
          'AWS.MechanicalTurk.InvalidHITState',
        );
      }
      await hits.setHitState(hit.task_id, { reviewing: !revert });
    },

    /**
     * The requester's HITs in creation order, `limit` at a time; `after` is a NextToken.
     * `reviewable` keeps those in that state (Reviewing with `reviewing`), of one HIT type.
     */
    async listHits(
      ownerId: string,
      page: {
        after: string | undefined;
        limit: number;
        reviewable?: { reviewing: boolean; hitTypeId: string | undefined };
        /** Only HITs whose requirements name this qualification type. */
        requiringTypeId?: string | undefined;
      },
    ): Promise<{ hits: HitRow[]; nextToken: string | undefined }> {
      let afterSeq: number | undefined;
      if (page.after !== undefined) {
        const decoded = Buffer.from(page.after, 'base64url').toString('utf8');
        if (!/^hits:\d{1,18}$/.test(decoded)) {
          throw requestError(
            'NextToken is not one this server gave out.',
            'AWS.MechanicalTurk.InvalidParameterValue',
          );
        }
        afterSeq = Number(decoded.slice('hits:'.length));
      }
      const now = clock.now();
      const rows = await hits.listHits(
        ownerId,
        {
          afterSeq,
          limit: page.limit,
          reviewable: page.reviewable,
          requiringTypeId: page.requiringTypeId,
        },
        now,
      );
      const more = rows.length > page.limit;
      const shown = more ? rows.slice(0, page.limit) : rows;
      const last = shown.at(-1);
      // The query keeps HITs with no work in progress; an open one with free slots is not
      // Reviewable yet, which the one rule of HITStatus says.
      const wanted = page.reviewable?.reviewing ? 'Reviewing' : 'Reviewable';
      return {
        hits: page.reviewable ? shown.filter((hit) => hitStatusOf(hit, now) === wanted) : shown,
        nextToken: more && last ? Buffer.from(`hits:${last.seq}`).toString('base64url') : undefined,
      };
    },
  };
}

export type HitsService = ReturnType<typeof createHitsService>;

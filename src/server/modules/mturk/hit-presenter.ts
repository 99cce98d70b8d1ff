import type { HitRow } from './hits.repository.js';
import { dollarsOf } from './money.js';
import { toMturkRequirement } from './requirements.js';

const HTML_QUESTION_NS =
  'http://mechanicalturk.amazonaws.com/AWSMechanicalTurkDataSchemas/2011-11-11/HTMLQuestion.xsd';

/** An HTML template of the web app as the HTMLQuestion an MTurk script expects to read. */
function htmlQuestionOf(html: string): string {
  // `]]>` cannot appear inside CDATA: it is split across two sections.
  const cdata = `<![CDATA[${html.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  return `<HTMLQuestion xmlns="${HTML_QUESTION_NS}"><HTMLContent>${cdata}</HTMLContent><FrameHeight>0</FrameHeight></HTMLQuestion>`;
}

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Whether a worker may still take the HIT: its project is on offer and the HIT not expired. */
function isOpen(hit: HitRow, now: Date): boolean {
  return hit.project_status === 'published' && expiryOf(hit) > now;
}

const expiryOf = (hit: HitRow) => hit.hit_expired_at ?? hit.expires_at;

/**
 * MTurk's HITStatus from Tessera's state, the one rule every operation reads: Disposed once
 * DeleteHIT disposed of it or its project was cancelled; Assignable while a worker may take a
 * slot; Unassignable while none is free but work is in progress; otherwise (every assignment
 * submitted, or expired with nothing in progress) Reviewable, or Reviewing once the requester
 * marked it so with UpdateHITReviewStatus.
 */
export function hitStatusOf(hit: HitRow, now: Date) {
  if (hit.disposed_at !== null || hit.project_status === 'cancelled') return 'Disposed' as const;
  if (isOpen(hit, now) && hit.assignments_per_task > hit.live_assignments) {
    return 'Assignable' as const;
  }
  if (hit.pending > 0) return 'Unassignable' as const;
  return hit.reviewing ? ('Reviewing' as const) : ('Reviewable' as const);
}

/**
 * MTurk's MaxAssignments: the slots open or held plus those rejected work used up, or the number
 * kept when an expiry or a deletion withdrew the task's free slots.
 */
export function maxAssignmentsOf(hit: HitRow): number {
  return hit.kept_max_assignments ?? hit.assignments_per_task + hit.consumed;
}

/** A HIT in MTurk's shape (times in epoch seconds, money as dollar strings). */
export function presentHit(hit: HitRow, now: Date) {
  const open = isOpen(hit, now);
  const template = hit.template;
  const question =
    hit.question ?? (template.kind === 'html' ? htmlQuestionOf(template.html) : undefined);
  const requirements = hit.qualification_requirements;
  return {
    HITId: hit.task_id,
    // A project made in the web app is its own HIT type and group.
    HITTypeId: hit.hit_type_id ?? hit.project_id,
    HITGroupId: hit.project_id,
    CreationTime: epochSeconds(hit.task_created_at),
    Title: hit.title,
    Description: hit.description,
    ...(question !== undefined && { Question: question }),
    Keywords: hit.keywords.join(', '),
    HITStatus: hitStatusOf(hit, now),
    MaxAssignments: maxAssignmentsOf(hit),
    Reward: dollarsOf(hit.reward_cents),
    AutoApprovalDelayInSeconds: hit.auto_approve_seconds,
    Expiration: epochSeconds(expiryOf(hit)),
    AssignmentDurationInSeconds: hit.time_allotted_seconds,
    ...(hit.requester_annotation !== null && { RequesterAnnotation: hit.requester_annotation }),
    QualificationRequirements: requirements.map(toMturkRequirement),
    HITReviewStatus: 'NotReviewed' as const,
    NumberOfAssignmentsPending: hit.pending,
    NumberOfAssignmentsAvailable: open
      ? Math.max(0, hit.assignments_per_task - hit.live_assignments)
      : 0,
    NumberOfAssignmentsCompleted: hit.decided,
  };
}

/** A page of HITs as MTurk's list operations answer it: ListHITs and its filtered kinds. */
export function presentHitPage(page: { hits: HitRow[]; nextToken: string | undefined }, now: Date) {
  return {
    NumResults: page.hits.length,
    HITs: page.hits.map((hit) => presentHit(hit, now)),
    ...(page.nextToken !== undefined && { NextToken: page.nextToken }),
  };
}

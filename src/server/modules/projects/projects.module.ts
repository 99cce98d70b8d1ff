import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { LedgerService } from '../ledger/ledger.service.js';
import type { IdempotencyKeys } from '../idempotency/idempotency.service.js';
import type { QualificationsService } from '../qualifications/qualifications.service.js';
import type { LiveEventPublisher } from '../realtime/event-bus.js';
import { createBatchWithdrawal } from './batch-withdrawal.service.js';
import { createBatchesService } from './batches.service.js';
import {
  createLifecycleService,
  type ProjectLedger,
  type ProjectSettlement,
} from './lifecycle.service.js';
import { createGoldRepository } from './gold.repository.js';
import { createGoldService } from './gold.service.js';
import { createPilotRepository } from './pilot.repository.js';
import { createPilotService } from './pilot.service.js';
import { createProjectsRepository } from './projects.repository.js';
import { createProjectsService, type ProjectRules } from './projects.service.js';
import { createTasksRepository } from './tasks.repository.js';
import { createUploadSlotsRepository } from './upload-slots.repository.js';
import { createUploadSlots } from './upload-slots.service.js';
import { createWorkTimesRepository } from './work-times.repository.js';
import { createWorkTimesService } from './work-times.service.js';

/** The requester side's services over one database: projects, their lifecycle and their data. */
export function createProjectsModule(deps: {
  db: Db;
  clock: Clock;
  ledger: ProjectLedger & Pick<LedgerService, 'releaseEscrow'>;
  settlement: ProjectSettlement;
  qualifications: Pick<QualificationsService, 'assertRequirementsUsable'>;
  feePercent: number;
  /** The collective rules in force that projects must meet (the governance module's). */
  rules: ProjectRules;
  uploadLimits: { concurrentPerRequester: number; draftTasksPerRequester: number };
  events: LiveEventPublisher;
  idempotency: IdempotencyKeys;
}) {
  const projects = createProjectsRepository(deps.db, deps.clock);
  const tasks = createTasksRepository(deps.db);
  const gold = createGoldRepository(deps.db);
  const pilots = createPilotRepository(deps.db);
  const { clock, ledger, feePercent, events } = deps;
  return {
    projects: createProjectsService({
      projects,
      tasks,
      qualifications: deps.qualifications,
      clock,
      rules: deps.rules,
    }),
    lifecycle: createLifecycleService({
      projects,
      tasks,
      pilots,
      ledger,
      settlement: deps.settlement,
      feePercent,
      minHourlyCents: deps.rules.minHourlyCents,
      clock,
      events,
    }),
    batches: createBatchesService({
      projects,
      tasks,
      gold,
      ledger,
      uploads: createUploadSlots({
        slots: createUploadSlotsRepository(deps.db),
        clock,
        perRequester: deps.uploadLimits.concurrentPerRequester,
      }),
      feePercent,
      draftTasksPerRequester: deps.uploadLimits.draftTasksPerRequester,
      events,
      idempotency: deps.idempotency,
    }),
    gold: createGoldService({ projects, tasks, gold }),
    workTimes: createWorkTimesService({
      projects,
      workTimes: createWorkTimesRepository(deps.db),
    }),
    /** The known answers, for aggregation and the results export: the one gold repository. */
    goldTruths: {
      answersByTask: (projectId: string) => gold.answersByTask(projectId),
      goldTaskIds: (taskIds: readonly string[]) => gold.goldTaskIds(taskIds),
    },
    pilot: createPilotService({ projects, pilots, clock }),
    withdrawal: createBatchWithdrawal({ projects, tasks, ledger, feePercent, clock, events }),
  };
}

export type ProjectsModule = ReturnType<typeof createProjectsModule>;

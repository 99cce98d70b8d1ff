import type { GoldInput } from '../../../shared/api/quality.js';
import { goldProblems } from '../../../shared/templates/gold.js';
import { counterCursor, pageOf } from '../../db/pagination.js';
import { FieldProblems, NotFoundError, ValidationError } from '../../errors.js';
import type { GoldRepository } from './gold.repository.js';
import type { ProjectsRepository } from './projects.repository.js';
import { requireOwnedProject, templateOf } from './projects.service.js';
import type { TasksRepository } from './tasks.repository.js';

/** Pages of gold tasks are keyed by task number. */
const goldCursor = counterCursor('g', 18);

/** The requester's view and edits of a project's gold tasks (DESIGN §9), owner-only. */
export function createGoldService(deps: {
  projects: ProjectsRepository;
  tasks: Pick<TasksRepository, 'findTask'>;
  gold: GoldRepository;
}) {
  const { projects, tasks, gold } = deps;

  async function one(projectId: string, taskId: string) {
    const [row] = await gold.listForProject(projectId, { limit: 1, taskId });
    if (!row) throw new NotFoundError('Gold task');
    return row;
  }

  return {
    async list(ownerId: string, projectId: string, page: { cursor?: string; limit: number }) {
      await requireOwnedProject(projects, projectId, ownerId);
      const rows = await gold.listForProject(projectId, {
        afterNumber: goldCursor.decode(page.cursor),
        limit: page.limit,
      });
      return pageOf(rows, page.limit, (last) => goldCursor.encode(last.number));
    },

    /** Known answers are checked against the template as an upload's are; nothing changes on 400. */
    async set(ownerId: string, projectId: string, taskId: string, input: GoldInput) {
      const project = await requireOwnedProject(projects, projectId, ownerId);
      const task = await tasks.findTask(projectId, taskId);
      if (!task) throw new NotFoundError('Task');
      const problems = goldProblems(templateOf(project), input.answers);
      if (problems.length > 0) {
        throw new ValidationError(
          `Task #${task.number}: its gold answers do not fit the template — ${problems
            .map((p) => (p.item ? `${p.item}: ${p.message}` : p.message))
            .join('; ')}. Nothing was changed.`,
          new FieldProblems(
            problems.map((p) => ({ field: `answers.${p.item}`, message: p.message })),
          ),
          'invalid_gold',
        );
      }
      const explanation = input.explanation?.trim() || null;
      await gold.upsert({ id: task.id, projectId }, { answers: input.answers, explanation });
      return one(projectId, task.id);
    },

    async remove(ownerId: string, projectId: string, taskId: string) {
      await requireOwnedProject(projects, projectId, ownerId);
      const task = await tasks.findTask(projectId, taskId);
      if (!task || !(await gold.remove(task.id))) throw new NotFoundError('Gold task');
      return { taskId: task.id, removed: true as const };
    },
  };
}

export type GoldService = ReturnType<typeof createGoldService>;

import { notifications } from '@mantine/notifications';
import type { Project } from '../../../../shared/api/projects.js';
import { useTasks, useUpdateProject } from '../../../api/projects.js';
import { TemplateDesigner } from '../../../components/designer/TemplateDesigner.js';

/** Why a project's design is read-only, or null while it is a draft. */
export function designLockedReason(project: Project): string | null {
  switch (project.status) {
    case 'draft':
      return null;
    case 'published':
    case 'paused':
      return 'This project is published, so its design stays as it is: every worker answers the same task. Its title, description, instructions and expiry can still change in Settings.';
    case 'completed':
    case 'cancelled':
      return `This project is ${project.status}; its design can no longer change.`;
  }
}

export function DesignTab({ project }: { project: Project }) {
  const update = useUpdateProject(project.id);
  const firstTask = useTasks(project.id, undefined, 1);
  return (
    <TemplateDesigner
      saved={project.template}
      lockedReason={designLockedReason(project)}
      firstTaskData={firstTask.data?.items[0]?.data ?? null}
      onSave={async (template) => {
        await update.mutateAsync({ template });
        notifications.show({ color: 'teal', title: 'Design saved', message: project.title });
      }}
    />
  );
}

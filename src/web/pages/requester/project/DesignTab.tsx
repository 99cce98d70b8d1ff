import { notifications } from '@mantine/notifications';
import type { Project } from '../../../../shared/api/projects.js';
import { useCurrentUser } from '../../../api/accounts.js';
import { useTasks, useUpdateProject } from '../../../api/projects.js';
import { TemplateDesigner } from '../../../components/designer/TemplateDesigner.js';
import { draftKey } from '../../../lib/draft-storage.js';

/** Why a project's design is read-only, or null while it is a draft. */
export function designLockedReason(project: Project): string | null {
  switch (project.status) {
    case 'draft':
      return null;
    case 'published':
    case 'paused':
      return project.template.kind === 'form'
        ? 'This project is published, so its design stays as it is: every worker answers the same task. You can still reword its choice options; changing what an option records asks first, because answers already given keep the old value. Its title, description, instructions and expiry can still change in Settings.'
        : 'This project is published, so its design stays as it is: every worker answers the same task. Its title, description, instructions and expiry can still change in Settings.';
    case 'completed':
    case 'cancelled':
      return `This project is ${project.status}; its design can no longer change.`;
  }
}

export function DesignTab({ project }: { project: Project }) {
  const user = useCurrentUser();
  const update = useUpdateProject(project.id);
  const firstTask = useTasks(project.id, undefined, 1);
  const live =
    project.template.kind === 'form' &&
    (project.status === 'published' || project.status === 'paused');
  return (
    <TemplateDesigner
      saved={project.template}
      lockedReason={designLockedReason(project)}
      optionsEditableWhenLocked={live}
      answerCount={project.progress.assignmentsSubmitted + project.progress.assignmentsApproved}
      inProgressCount={project.progress.assignmentsOutstanding}
      draftKey={draftKey(user.id, project.id, 'design')}
      firstTaskData={firstTask.data?.items[0]?.data ?? null}
      onSave={async (template, options) => {
        await update.mutateAsync({ template, ...options });
        notifications.show({ color: 'teal', title: 'Design saved', message: project.title });
      }}
    />
  );
}

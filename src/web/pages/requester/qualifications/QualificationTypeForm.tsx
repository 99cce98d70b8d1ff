import { Button, Group, Modal, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import type { QualificationType } from '../../../../shared/api/qualifications.js';
import {
  createQualificationTypeBodySchema,
  QUALIFICATION_LIMITS,
} from '../../../../shared/api/qualifications.js';
import {
  useCreateQualificationType,
  useUpdateQualificationType,
} from '../../../api/qualifications.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { showSubmitError, zodValidator } from '../../../lib/forms.js';

type Values = { name: string; description: string };
const check = zodValidator<Values>(createQualificationTypeBodySchema);

type QualificationTypeModalProps = {
  opened: boolean;
  onClose: () => void;
  /** The type to edit; a new one is created when absent. */
  type?: QualificationType | undefined;
};

/** Creates a qualification type, or renames and redescribes one of mine. */
export function QualificationTypeModal({ opened, onClose, type }: QualificationTypeModalProps) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={type ? `Edit “${type.name}”` : 'New qualification'}
      centered
      size="lg"
    >
      {opened && <QualificationTypeForm type={type} onDone={onClose} />}
    </Modal>
  );
}

function QualificationTypeForm({
  type,
  onDone,
}: {
  type: QualificationType | undefined;
  onDone: () => void;
}) {
  const create = useCreateQualificationType();
  const update = useUpdateQualificationType(type?.id ?? '');
  const mutation = type ? update : create;
  const [formError, setFormError] = useState<unknown>(null);
  const form = useForm<Values>({
    initialValues: { name: type?.name ?? '', description: type?.description ?? '' },
    validate: check,
  });

  const submit = form.onSubmit((values) => {
    setFormError(null);
    mutation.mutate(values, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          title: type ? 'Qualification saved' : 'Qualification created',
          message: saved.name,
        });
        onDone();
      },
      onError: (error) => showSubmitError(error, form, setFormError),
    });
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={type ? 'Edit qualification' : 'New qualification'}
    >
      <Stack gap="md">
        {formError !== null && <ErrorAlert error={formError} title="Could not save" />}
        <TextInput
          label="Name"
          description="Workers see it when a project requires it."
          placeholder="Passed the transcription test"
          required
          maxLength={QUALIFICATION_LIMITS.nameMax}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Textarea
          label="Description"
          description="What the value means, e.g. “test score from 0 to 100”."
          autosize
          minRows={3}
          maxRows={8}
          maxLength={QUALIFICATION_LIMITS.descriptionMax}
          {...form.getInputProps('description')}
        />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {type ? 'Save' : 'Create qualification'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

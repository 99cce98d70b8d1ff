import { Checkbox, Modal, NumberInput, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import type { QualificationType } from '../../../../shared/api/qualifications.js';
import {
  createQualificationTypeBodySchema,
  QUALIFICATION_LIMITS,
} from '../../../../shared/api/qualifications.js';
import {
  useCreateQualificationType,
  useUpdateQualificationType,
} from '../../../api/qualifications.js';
import { ApiForm } from '../../../components/ApiForm.js';
import { zodValidator } from '../../../lib/forms.js';
import { useFormSubmit } from '../../../lib/use-form-submit.js';

type Values = {
  name: string;
  description: string;
  requestable: boolean;
  active: boolean;
  autoGranted: boolean;
  autoGrantedValue: number;
  retryDelaySeconds: number | null;
};
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
  const form = useForm<Values>({
    initialValues: {
      name: type?.name ?? '',
      description: type?.description ?? '',
      requestable: type?.requestable ?? false,
      active: type?.active ?? true,
      autoGranted: type?.autoGranted ?? false,
      autoGrantedValue: type?.autoGrantedValue ?? 1,
      retryDelaySeconds: type?.retryDelaySeconds ?? null,
    },
    validate: check,
  });

  const { submit, formError } = useFormSubmit(form, (values, fail) =>
    // Auto-granting answers requests, so it only applies to a requestable type.
    mutation.mutate(
      { ...values, autoGranted: values.requestable && values.autoGranted },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'teal',
            title: type ? 'Qualification saved' : 'Qualification created',
            message: saved.name,
          });
          onDone();
        },
        onError: fail,
      },
    ),
  );

  return (
    <ApiForm
      label={type ? 'Edit qualification' : 'New qualification'}
      onSubmit={submit}
      formError={formError}
      errorTitle="Could not save"
      onCancel={onDone}
      busy={mutation.isPending}
      submitLabel={type ? 'Save' : 'Create qualification'}
    >
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
      <Checkbox
        label="Workers can request it"
        description="A worker who lacks it can ask; you grant or refuse each request."
        {...form.getInputProps('requestable', { type: 'checkbox' })}
      />
      {form.values.requestable && (
        <Stack gap="sm" pl="lg">
          <Checkbox
            label="Taking requests (active)"
            {...form.getInputProps('active', { type: 'checkbox' })}
          />
          <Checkbox
            label="Grant every request at once"
            {...form.getInputProps('autoGranted', { type: 'checkbox' })}
          />
          {form.values.autoGranted && (
            <NumberInput
              label="Value granted automatically"
              allowDecimal={false}
              min={QUALIFICATION_LIMITS.valueMin}
              max={QUALIFICATION_LIMITS.valueMax}
              {...form.getInputProps('autoGrantedValue')}
            />
          )}
          <NumberInput
            label="Seconds before a worker may ask again"
            description="Leave empty to let each worker ask only once."
            allowDecimal={false}
            min={0}
            max={QUALIFICATION_LIMITS.retryDelayMax}
            value={form.values.retryDelaySeconds ?? ''}
            onChange={(value) =>
              form.setFieldValue('retryDelaySeconds', typeof value === 'number' ? value : null)
            }
          />
        </Stack>
      )}
    </ApiForm>
  );
}

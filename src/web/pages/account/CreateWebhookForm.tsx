import { Checkbox, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  createWebhookBodySchema,
  WEBHOOK_EVENTS,
  WEBHOOK_LIMITS,
  type CreatedWebhook,
  type WebhookEvent,
} from '../../../shared/api/webhooks.js';
import { useCreateWebhook } from '../../api/webhooks.js';
import { ApiForm } from '../../components/ApiForm.js';
import { zodValidator } from '../../lib/forms.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';

type WebhookValues = { url: string; events: WebhookEvent[]; description: string };

function bodyOf(values: WebhookValues) {
  return {
    url: values.url,
    events: values.events,
    ...(values.description.trim() && { description: values.description }),
  };
}

const checkBody = zodValidator<ReturnType<typeof bodyOf>>(createWebhookBodySchema);

/** Subscribable events; a test send is always a ping, subscribed or not. */
const EVENT_CHOICES = WEBHOOK_EVENTS.filter((event) => event !== 'ping');

type CreateWebhookFormProps = {
  onCreated: (webhook: CreatedWebhook) => void;
  onCancel: () => void;
};

export function CreateWebhookForm({ onCreated, onCancel }: CreateWebhookFormProps) {
  const createWebhook = useCreateWebhook();
  const form = useForm<WebhookValues>({
    initialValues: { url: '', events: [], description: '' },
    validate: (values) => checkBody(bodyOf(values)),
  });

  const { submit, formError } = useFormSubmit(form, (values, fail) =>
    createWebhook.mutate(bodyOf(values), { onSuccess: onCreated, onError: fail }),
  );

  return (
    <ApiForm
      label="New webhook"
      onSubmit={submit}
      formError={formError}
      errorTitle="Could not create the webhook"
      onCancel={onCancel}
      busy={createWebhook.isPending}
      submitLabel="Create webhook"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Receiver URL"
          description="An https address on the public internet."
          placeholder="https://example.com/tessera-events"
          required
          maxLength={WEBHOOK_LIMITS.urlMax}
          data-autofocus
          {...form.getInputProps('url')}
        />
        <TextInput
          label="Description"
          description="What receives these events (optional)."
          maxLength={WEBHOOK_LIMITS.descriptionMax}
          {...form.getInputProps('description')}
        />
      </SimpleGrid>
      <Checkbox.Group
        label="Events"
        description="Tessera POSTs each of these to the URL as it happens."
        required
        {...form.getInputProps('events')}
      >
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
          {EVENT_CHOICES.map((event) => (
            <Checkbox key={event} value={event} label={event} />
          ))}
        </SimpleGrid>
      </Checkbox.Group>
    </ApiForm>
  );
}

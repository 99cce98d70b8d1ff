import { Radio, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import {
  createOAuthClientBodySchema,
  OAUTH_LIMITS,
  type CreatedOAuthClient,
  type OAuthClientType,
} from '../../../shared/api/oauth.js';
import { DEFAULT_SCOPES, grantableScopes, type Scope } from '../../../shared/scopes.js';
import { useCurrentUser } from '../../api/accounts.js';
import { ApiForm } from '../../components/ApiForm.js';
import { zodValidator } from '../../lib/forms.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { useCreateOAuthClient } from './oauth-api.js';
import { ScopeCheckboxes } from '../../components/ScopeCheckboxes.js';

type ClientValues = {
  name: string;
  type: OAuthClientType;
  redirectUris: string;
  scopes: Scope[];
};

function bodyOf(values: ClientValues) {
  return {
    name: values.name,
    type: values.type,
    redirectUris: values.redirectUris
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean),
    scopes: values.scopes,
  };
}

const checkBody = zodValidator<ReturnType<typeof bodyOf>>(createOAuthClientBodySchema);

type CreateClientFormProps = {
  onCreated: (client: CreatedOAuthClient) => void;
  onCancel: () => void;
};

export function CreateClientForm({ onCreated, onCancel }: CreateClientFormProps) {
  const create = useCreateOAuthClient();
  const offered = grantableScopes(useCurrentUser().roles);
  const form = useForm<ClientValues>({
    initialValues: { name: '', type: 'public', redirectUris: '', scopes: [...DEFAULT_SCOPES] },
    validate: (values) => checkBody(bodyOf(values)),
  });

  const { submit, formError } = useFormSubmit(form, (values, fail) =>
    create.mutate(bodyOf(values), { onSuccess: onCreated, onError: fail }),
  );

  return (
    <ApiForm
      label="New OAuth app"
      onSubmit={submit}
      formError={formError}
      errorTitle="Could not register the app"
      onCancel={onCancel}
      busy={create.isPending}
      submitLabel="Register app"
    >
      <TextInput
        label="App name"
        description="People see it when the app asks for access."
        required
        maxLength={OAUTH_LIMITS.clientNameMax}
        data-autofocus
        {...form.getInputProps('name')}
      />
      <Radio.Group label="Kind of app" required {...form.getInputProps('type')}>
        <Stack gap="xs" mt="xs">
          <Radio
            value="public"
            label="Public: a mobile, desktop, command-line or single-page app"
            description="Cannot keep a secret; signs people in with authorization code + PKCE or the device flow."
          />
          <Radio
            value="confidential"
            label="Confidential: your own server or script"
            description="Gets a client secret; can also use client credentials to act as you."
          />
        </Stack>
      </Radio.Group>
      <Textarea
        label="Redirect URIs"
        description="One per line: https, http://127.0.0.1 or localhost for native apps, or your app's own scheme. Leave empty for scripts and device-flow tools."
        autosize
        minRows={2}
        {...form.getInputProps('redirectUris')}
      />
      <ScopeCheckboxes
        offered={offered}
        label="Scopes"
        description="The most any token of this app may get."
        required
        {...form.getInputProps('scopes')}
      />
    </ApiForm>
  );
}

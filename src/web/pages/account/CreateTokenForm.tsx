import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { createTokenBodySchema } from '../../../shared/api/accounts.js';
import { LIMITS } from '../../../shared/limits.js';
import { grantableScopes, type Scope } from '../../../shared/scopes.js';
import { useCreateToken, useCurrentUser } from '../../api/accounts.js';
import { ApiForm } from '../../components/ApiForm.js';
import { zodValidator } from '../../lib/forms.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import { ScopeCheckboxes } from '../../components/ScopeCheckboxes.js';

type TokenValues = { name: string; scopes: Scope[]; expiresInDays: string };

const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
];

function bodyOf(values: TokenValues) {
  return {
    name: values.name,
    scopes: values.scopes,
    ...(values.expiresInDays !== 'never' && { expiresInDays: Number(values.expiresInDays) }),
  };
}

const checkBody = zodValidator<ReturnType<typeof bodyOf>>(createTokenBodySchema);

type CreateTokenFormProps = {
  onCreated: (token: { name: string; token: string }) => void;
  onCancel: () => void;
};

export function CreateTokenForm({ onCreated, onCancel }: CreateTokenFormProps) {
  const createToken = useCreateToken();
  const offered = grantableScopes(useCurrentUser().roles);
  const form = useForm<TokenValues>({
    initialValues: { name: '', scopes: [], expiresInDays: '90' },
    validate: (values) => checkBody(bodyOf(values)),
  });

  const { submit, formError } = useFormSubmit(form, (values, fail) =>
    createToken.mutate(bodyOf(values), {
      onSuccess: (created) => onCreated({ name: created.name, token: created.token }),
      onError: fail,
    }),
  );

  return (
    <ApiForm
      label="New access token"
      onSubmit={submit}
      formError={formError}
      errorTitle="Could not create the token"
      onCancel={onCancel}
      busy={createToken.isPending}
      submitLabel="Create token"
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <TextInput
          label="Token name"
          description="What it is for, e.g. “Upload script”."
          required
          maxLength={LIMITS.tokenNameMax}
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Select
          label="Expires after"
          data={EXPIRY_OPTIONS}
          allowDeselect={false}
          {...form.getInputProps('expiresInDays')}
        />
      </SimpleGrid>
      <ScopeCheckboxes
        offered={offered}
        label="Scopes"
        description="Give the token only what it needs."
        required
        {...form.getInputProps('scopes')}
      />
    </ApiForm>
  );
}

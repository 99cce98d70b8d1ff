import { Button, Group, Radio, Skeleton, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import { useEffect } from 'react';
import {
  ACCOUNT_HOLDER_MAX,
  OTHER_DESTINATION_MAX,
  PAYOUT_METHOD_LABELS,
  PAYOUT_METHODS,
  type PayoutDestination,
} from '../../../shared/api/payout-methods.js';
import { isApiError } from '../../api/client.js';
import {
  usePayoutMethod,
  useRemovePayoutMethod,
  useSetPayoutMethod,
} from '../../api/payout-method.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { formatDateTime } from '../../lib/format.js';
import { useFormSubmit } from '../../lib/use-form-submit.js';
import {
  bodyOf,
  describeDestination,
  fieldFor,
  validatePayoutMethod,
  valuesOf,
  type PayoutMethodValues,
} from './payout-method-form.js';

/** The API names its own fields: each problem shows on the form's field for the chosen method. */
function methodFieldErrors(error: unknown, values: PayoutMethodValues): Record<string, string> {
  const fields = isApiError(error) ? error.fieldErrors() : {};
  return Object.fromEntries(
    Object.entries(fields).flatMap(([field, message]) => {
      const target = fieldFor(values.method, field);
      return target ? [[target, message] as const] : [];
    }),
  );
}

function PayoutMethodForm({ current }: { current: PayoutDestination | null }) {
  const save = useSetPayoutMethod();
  const remove = useRemovePayoutMethod();
  const form = useForm<PayoutMethodValues>({
    initialValues: valuesOf(current),
    validate: validatePayoutMethod,
  });
  const method = form.values.method;

  const { submit, formError } = useFormSubmit(
    form,
    (values, fail) =>
      save.mutate(bodyOf(values), {
        onSuccess: (saved) => {
          const next = valuesOf(saved.payoutMethod);
          form.setValues(next);
          form.resetDirty(next);
          notifications.show({
            color: 'teal',
            title: 'Payout method saved',
            message: 'Payouts you ask for from now on go there.',
          });
        },
        onError: fail,
      }),
    methodFieldErrors,
  );

  return (
    <form onSubmit={submit} noValidate aria-label="Payout method">
      <Stack gap="md">
        {current ? (
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <div>
              <Text size="sm" fw={600} data-testid="payout-method-current">
                {describeDestination(current)}
              </Text>
              <Text size="xs" c="dimmed">
                {current.accountHolder ? `Held by ${current.accountHolder} · ` : ''}Set{' '}
                {formatDateTime(current.updatedAt)}
              </Text>
            </div>
            <ConfirmButton
              size="xs"
              variant="default"
              title="Remove your payout method?"
              message="You will not be able to ask for a payout until you add one again. Payouts you already asked for still go where they were sent."
              confirmLabel="Remove"
              confirmColor="red"
              onConfirm={() => remove.mutateAsync()}
            >
              Remove
            </ConfirmButton>
          </Group>
        ) : (
          <div>
            <Text size="sm" fw={600}>
              No payout method yet
            </Text>
            <Text size="sm" c="dimmed">
              Add one to be able to ask for your earnings.
            </Text>
          </div>
        )}
        {formError !== null && (
          <ErrorAlert error={formError} title="Could not save your payout method" />
        )}
        <Radio.Group label="How you are paid" required {...form.getInputProps('method')}>
          <Group gap="lg" mt={6}>
            {PAYOUT_METHODS.map((value) => (
              <Radio key={value} value={value} label={PAYOUT_METHOD_LABELS[value]} />
            ))}
          </Group>
        </Radio.Group>
        {method === 'bank_transfer' && (
          <>
            <TextInput
              label="IBAN"
              description="Your International Bank Account Number, as on your bank statement. Outside IBAN countries, choose Other."
              placeholder="e.g. DE89 3704 0044 0532 0130 00"
              required
              autoComplete="off"
              spellCheck={false}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...form.getInputProps('iban')}
            />
            <TextInput
              label="Account holder"
              description="The name the account is held in, as your bank knows it."
              required
              maxLength={ACCOUNT_HOLDER_MAX}
              autoComplete="name"
              {...form.getInputProps('accountHolder')}
            />
          </>
        )}
        {method === 'paypal' && (
          <TextInput
            label="PayPal email"
            description="The email address of your PayPal account."
            type="email"
            required
            autoComplete="email"
            {...form.getInputProps('paypalEmail')}
          />
        )}
        {method === 'other' && (
          <Textarea
            label="How to pay you"
            description="Everything an administrator needs to send the money, e.g. a Wise handle and currency, or a US routing and account number."
            required
            autosize
            minRows={2}
            maxRows={6}
            maxLength={OTHER_DESTINATION_MAX}
            {...form.getInputProps('other')}
          />
        )}
        <Group justify="space-between" align="center">
          <Text size="xs" c="dimmed" style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <IconLock size={14} aria-hidden="true" />
            Seen only by you and this site’s administrators.
          </Text>
          <Button type="submit" loading={save.isPending}>
            Save payout method
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** A worker's payout method, in their settings (linked as /settings#payout). */
export function PayoutMethodSection() {
  const current = usePayoutMethod();
  if (current.isError) {
    return <ErrorAlert error={current.error} onRetry={() => void current.refetch()} />;
  }
  if (!current.data) {
    return (
      <Stack gap="sm" aria-label="Loading your payout method">
        <Skeleton height={20} />
        <Skeleton height={36} />
      </Stack>
    );
  }
  // Keyed by when it was saved, so the form starts again from what the server holds.
  return (
    <PayoutMethodForm
      key={current.data.payoutMethod?.updatedAt ?? 'none'}
      current={current.data.payoutMethod}
    />
  );
}

/** Scrolls to the section a link named (e.g. /settings#payout), once the page has drawn it. */
export function useScrollToHash() {
  useEffect(() => {
    const id = window.location.hash.slice(1);
    if (!id) return;
    const frame = requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView());
    return () => cancelAnimationFrame(frame);
  }, []);
}

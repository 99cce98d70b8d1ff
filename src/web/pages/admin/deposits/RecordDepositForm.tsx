import { Button, Group, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import type { User } from '../../../../shared/api/accounts.js';
import { DEPOSIT_NOTE_MAX, DEPOSIT_REFERENCE_MAX } from '../../../../shared/api/money.js';
import { formatCents } from '../../../../shared/money.js';
import { useRecordDeposit } from '../../../api/admin-deposits.js';
import { newIdempotencyKey } from '../../requester/review/review-model.js';
import { ConfirmDepositModal } from './ConfirmDepositModal.js';
import { checkDeposit, type CheckedDeposit, type DepositProblems } from './deposit-form.js';
import { RequesterPicker } from './RequesterPicker.js';
import { MoneyInput } from '../../../components/MoneyInput.js';

type Pending = { deposit: CheckedDeposit; requester: User; idempotencyKey: string };

/** Fill in the payment, review it, record it. */
export function RecordDepositForm() {
  const record = useRecordDeposit();
  const [requester, setRequester] = useState<User | null>(null);
  const [amount, setAmount] = useState<string | number>('');
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<DepositProblems>({});
  const [pending, setPending] = useState<Pending | null>(null);

  const review = (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDeposit({ requesterId: requester?.id ?? null, amount, reference, note });
    if ('problems' in checked) {
      setProblems(checked.problems);
      return;
    }
    setProblems({});
    record.reset();
    // One key per reviewed payment: confirming twice, or retrying, records it once.
    setPending({ deposit: checked, requester: requester!, idempotencyKey: newIdempotencyKey() });
  };

  const confirm = () => {
    if (!pending) return;
    record.mutate(
      { body: pending.deposit, idempotencyKey: pending.idempotencyKey },
      {
        onSuccess: (result) => {
          notifications.show({
            color: 'teal',
            title: 'Payment recorded',
            message: `${formatCents(result.deposit.amountCents)} credited to ${result.deposit.requester.displayName} (ref. ${result.deposit.reference}).`,
          });
          setPending(null);
          setRequester(null);
          setAmount('');
          setReference('');
          setNote('');
        },
      },
    );
  };

  return (
    <form onSubmit={review} noValidate aria-label="Record a payment">
      <Stack gap="md">
        <RequesterPicker value={requester} onChange={setRequester} error={problems.requesterId} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
          <MoneyInput
            label="Amount received"
            required
            value={amount}
            onChange={setAmount}
            error={problems.amount}
          />
          <TextInput
            label="Reference"
            description="Bank transfer id or invoice number; the requester sees it."
            placeholder="e.g. SEPA-2026-12-0042"
            required
            maxLength={DEPOSIT_REFERENCE_MAX}
            value={reference}
            onChange={(event) => setReference(event.currentTarget.value)}
            error={problems.reference}
          />
        </SimpleGrid>
        <Textarea
          label="Note"
          description="Optional, for administrators only."
          autosize
          minRows={2}
          maxRows={5}
          maxLength={DEPOSIT_NOTE_MAX}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={problems.note}
        />
        <Group justify="flex-end">
          <Button type="submit">Review deposit</Button>
        </Group>
      </Stack>
      {pending && (
        <ConfirmDepositModal
          deposit={pending.deposit}
          requester={pending.requester}
          busy={record.isPending}
          error={record.error}
          onConfirm={confirm}
          onClose={() => setPending(null)}
        />
      )}
    </form>
  );
}

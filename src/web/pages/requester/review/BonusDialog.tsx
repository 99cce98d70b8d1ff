import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGift } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { REVIEW_LIMITS, type ReviewAssignment } from '../../../../shared/api/review.js';
import { formatCents, platformFeeCents } from '../../../../shared/money.js';
import { useBalance } from '../../../api/money.js';
import { useBonus } from '../../../api/review.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { shortageOf } from '../lib/funds.js';
import { centsFromDollars } from '../lib/units.js';
import { newIdempotencyKey } from './review-model.js';
import { FormActions } from '../../../components/FormActions.js';
import { MoneyInput } from '../../../components/MoneyInput.js';
import { InsufficientFundsAlert } from '../InsufficientFundsAlert.js';

type Problems = { amount?: string; reason?: string };

function check(amount: string | number, reason: string): { cents: number } | Problems {
  const problems: Problems = {};
  const cents = centsFromDollars(amount);
  if (cents === null || cents < 1) problems.amount = 'Enter an amount in dollars, e.g. 0.50.';
  else if (cents > REVIEW_LIMITS.bonusCentsMax)
    problems.amount = `A bonus can be at most ${formatCents(REVIEW_LIMITS.bonusCentsMax)}.`;
  if (!reason.trim()) problems.reason = 'Say what the bonus is for: the worker reads it.';
  return cents !== null && !problems.amount && !problems.reason ? { cents } : problems;
}

/**
 * Pays the worker of one assignment a bonus from available funds. Mounted for one opening: its
 * Idempotency-Key is made once, so a double click or a retry after a lost answer pays once.
 */
export function BonusDialog({
  assignment,
  onClose,
}: {
  /** The assignment the bonus is for (the review table's, or a worker's latest one). */
  assignment: Pick<ReviewAssignment, 'id' | 'projectId'> & {
    worker: Pick<ReviewAssignment['worker'], 'displayName'>;
  };
  onClose: () => void;
}) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [amount, setAmount] = useState<string | number>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const bonus = useBonus(assignment.projectId);
  const balance = useBalance();
  const feePercent = balance.data?.platformFeePercent ?? 0;
  const cents = centsFromDollars(amount);
  const fee = cents ? platformFeeCents(cents, feePercent) : 0;
  const shortage = shortageOf(bonus.error);
  const name = assignment.worker.displayName;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const checked = check(amount, reason);
    if (!('cents' in checked)) {
      setProblems(checked);
      return;
    }
    setProblems({});
    bonus.mutate(
      {
        assignmentId: assignment.id,
        amountCents: checked.cents,
        reason: reason.trim(),
        idempotencyKey,
      },
      {
        onSuccess: (paid) => {
          notifications.show({
            color: 'teal',
            title: 'Bonus paid',
            message: `${name} received ${formatCents(paid.amountCents)}.`,
          });
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      opened
      onClose={bonus.isPending ? () => undefined : onClose}
      title={`Pay ${name} a bonus`}
      centered
      size="lg"
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            The bonus comes from your available funds
            {balance.data ? ` (${formatCents(balance.data.availableCents)} now)` : ''} and goes
            straight to {name}’s earnings, with your reason.
          </Text>
          <MoneyInput
            label="Amount"
            required
            value={amount}
            onChange={setAmount}
            error={problems.amount}
            description={
              fee > 0 && cents
                ? `Plus the ${feePercent}% platform fee: ${formatCents(cents + fee)} in all.`
                : undefined
            }
            data-autofocus
          />
          <Textarea
            label="Reason"
            description={`${name} sees this with the bonus.`}
            placeholder="e.g. Careful transcripts, thank you!"
            required
            autosize
            minRows={2}
            maxRows={6}
            maxLength={REVIEW_LIMITS.reasonMax}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={problems.reason}
          />
          {shortage && (
            <InsufficientFundsAlert title="Not enough funds for this bonus">
              It needs <strong>{formatCents(shortage.neededCents)}</strong>
              {feePercent > 0 ? ' with the platform fee' : ''}, but only{' '}
              <strong>{formatCents(shortage.availableCents)}</strong> is available.
            </InsufficientFundsAlert>
          )}
          {bonus.isError && !shortage && (
            <ErrorAlert error={bonus.error} title="The bonus was not paid" />
          )}
          <FormActions
            onCancel={onClose}
            busy={bonus.isPending}
            leftSection={<IconGift size={16} aria-hidden="true" />}
          >
            Pay {cents ? formatCents(cents) : 'bonus'}
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

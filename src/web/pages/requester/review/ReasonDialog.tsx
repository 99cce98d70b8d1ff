import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { REVIEW_LIMITS } from '../../../../shared/api/review.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { FormActions } from '../../../components/FormActions.js';
import { useSettlingAction } from '../../../lib/use-settling-action.js';

type ReasonDialogProps = {
  title: string;
  /** What will happen, in plain words. */
  intro: ReactNode;
  label: string;
  /** Under the label: who reads the reason. */
  description: string;
  /** Shown when the reason is left empty. */
  missingMessage: string;
  placeholder?: string;
  confirmLabel: string;
  confirmColor?: string;
  /** Characters the reason may have (a rejection's reason unless said). */
  maxLength?: number;
  /** The dialog stays open, with a spinner, until this settles; it closes on success. */
  onConfirm: (reason: string) => Promise<unknown>;
  onClose: () => void;
};

/**
 * A dialog that acts only with a reason: rejecting work, blocking a worker, appealing a rejection. It is mounted for
 * one use, so each opening starts empty.
 */
export function ReasonDialog({
  title,
  intro,
  label,
  description,
  missingMessage,
  placeholder,
  confirmLabel,
  confirmColor = 'red',
  maxLength = REVIEW_LIMITS.reasonMax,
  onConfirm,
  onClose,
}: ReasonDialogProps) {
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const { busy, error, run } = useSettlingAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) {
      setProblem(missingMessage);
      return;
    }
    setProblem(null);
    await run(() => onConfirm(text), onClose);
  };

  return (
    <Modal opened onClose={busy ? () => undefined : onClose} title={title} centered size="lg">
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack gap="md">
          <Text size="sm">{intro}</Text>
          <Textarea
            label={label}
            description={description}
            placeholder={placeholder}
            required
            autosize
            minRows={3}
            maxRows={8}
            maxLength={maxLength}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={problem}
            data-autofocus
          />
          <Text size="xs" c="dimmed" ta="right" mt={-10}>
            {reason.length} / {maxLength}
          </Text>
          {error !== null && <ErrorAlert error={error} title="That did not work" />}
          <FormActions onCancel={onClose} busy={busy} color={confirmColor}>
            {confirmLabel}
          </FormActions>
        </Stack>
      </form>
    </Modal>
  );
}

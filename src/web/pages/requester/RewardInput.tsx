import { NumberInput, type NumberInputProps } from '@mantine/core';

/** A project's reward per assignment, in dollars, the same in the new-project form and settings. */
export function RewardInput(props: NumberInputProps) {
  return (
    <NumberInput
      label="Reward per assignment"
      description="What a worker earns for one approved answer."
      prefix="$"
      decimalScale={2}
      fixedDecimalScale
      min={0}
      step={0.05}
      required
      {...props}
    />
  );
}

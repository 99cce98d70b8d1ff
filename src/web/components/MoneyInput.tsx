import { NumberInput, type NumberInputProps } from '@mantine/core';

/** An amount of dollars and cents: "$" before it, two decimals, thousands separated, no spinner. */
export function MoneyInput(props: NumberInputProps) {
  return (
    <NumberInput
      prefix="$"
      decimalScale={2}
      min={0}
      thousandSeparator=","
      hideControls
      {...props}
    />
  );
}

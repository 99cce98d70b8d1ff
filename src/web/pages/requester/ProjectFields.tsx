import {
  NumberInput,
  Switch,
  Textarea,
  TextInput,
  type NumberInputProps,
  type SwitchProps,
  type TextareaProps,
  type TextInputProps,
} from '@mantine/core';
import { PROJECT_LIMITS } from '../../../shared/api/projects.js';

/*
 * A project's fields that the new-project form and the settings tab both ask for (like
 * RewardInput): each holds the field's limits, so they stay the same in both. The forms word
 * their descriptions for their own moment and pass them in.
 */

export function ProjectTitleInput(props: TextInputProps) {
  return <TextInput label="Title" required maxLength={PROJECT_LIMITS.titleMax} {...props} />;
}

export function ProjectDescriptionInput(props: TextareaProps) {
  return (
    <Textarea
      autosize
      minRows={2}
      maxRows={6}
      maxLength={PROJECT_LIMITS.descriptionMax}
      {...props}
    />
  );
}

/** How many different workers answer a row: at first, or at most with adaptive overlap. */
export function WorkersPerTaskInput(props: NumberInputProps) {
  return (
    <NumberInput
      min={1}
      max={PROJECT_LIMITS.assignmentsPerTaskMax}
      allowDecimal={false}
      required
      {...props}
    />
  );
}

export function EstimatedMinutesInput(props: NumberInputProps) {
  return <NumberInput label="Estimated minutes per task" min={0} decimalScale={2} {...props} />;
}

/** Sits beside EstimatedMinutesInput, lined up with its input rather than its label. */
export function TopUpSwitch(props: SwitchProps) {
  return <Switch mt="lg" label="Top up to the pay floor" {...props} />;
}

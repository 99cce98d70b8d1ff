import { Stack } from '@mantine/core';
import type { FilledFormItem } from '../../../shared/templates/index.js';
import './task-form.css';
import { AnswerField, type AnswerFormItem } from './TaskFormFields.js';
import { DisplayFormItem } from './TaskFormMedia.js';

/**
 * A worker's answers, keyed by item name: text, textarea, single choice and dropdown give a
 * string; multiple choice a list of option values; number and rating a number. An item with no
 * answer is absent (or undefined), which is what `validateAnswers` expects.
 */
export type TaskFormValues = Record<string, unknown>;

export type TaskFormProps = {
  /** The template's items filled for one task, from `fillFormTemplate` (or the preview API). */
  items: readonly FilledFormItem[];
  values: TaskFormValues;
  onChange: (name: string, value: unknown) => void;
  /** Messages keyed by item name, e.g. from `validateAnswers` or the server's answer check. */
  errors?: Readonly<Record<string, string>>;
  /** Shows the form without letting anyone change it (previews, submitted work). */
  readOnly?: boolean;
};

function isAnswerFormItem(item: FilledFormItem): item is AnswerFormItem {
  switch (item.type) {
    case 'text':
    case 'textarea':
    case 'number':
    case 'single_choice':
    case 'multiple_choice':
    case 'dropdown':
    case 'rating':
      return true;
    case 'instructions':
    case 'image':
    case 'audio':
    case 'video':
    case 'link':
      return false;
  }
}

/**
 * A `form` template exactly as a worker sees it. It renders fields only, without a <form> or
 * buttons, so the page around it decides how answers are submitted.
 */
export function TaskForm({
  items,
  values,
  onChange,
  errors = {},
  readOnly = false,
}: TaskFormProps) {
  return (
    <Stack gap="xl" className="task-form">
      {items.map((item) =>
        isAnswerFormItem(item) ? (
          <AnswerField
            key={item.name}
            item={item}
            value={values[item.name]}
            onChange={(value) => onChange(item.name, value)}
            error={errors[item.name]}
            readOnly={readOnly}
          />
        ) : (
          <DisplayFormItem key={item.name} item={item} />
        ),
      )}
    </Stack>
  );
}

import {
  ActionIcon,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  TagsInput,
  Text,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import type { Comparator, QualificationType } from '../../../../shared/api/qualifications.js';
import {
  COMPARATORS,
  LOCALE_COMPARATORS,
  QUALIFICATION_LIMITS,
  SYSTEM_QUALIFICATION_IDS,
} from '../../../../shared/api/qualifications.js';
import { useQualificationTypeOptions } from '../../../api/qualifications.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { COUNTRY_OPTIONS } from '../../../lib/places.js';
import {
  COMPARATOR_LABELS,
  draftOfRequirement,
  parseIntegerValue,
  valueShape,
  type RequirementDraft,
} from '../lib/requirements.js';

type RequirementsEditorProps = {
  value: readonly RequirementDraft[];
  onChange: (value: RequirementDraft[]) => void;
  /** Problems by requirement position, then field. */
  errors: Readonly<Record<number, Readonly<Record<string, string>>>>;
  disabled: boolean;
};

function ValuesInput({
  draft,
  kind,
  error,
  disabled,
  onChange,
}: {
  draft: RequirementDraft;
  kind: 'integer' | 'locale';
  error: string | undefined;
  disabled: boolean;
  onChange: (patch: Partial<RequirementDraft>) => void;
}) {
  const shape = valueShape(draft.comparator);
  if (shape === 'none') {
    return (
      <Text size="sm" c="dimmed" pt={30}>
        No value to compare.
      </Text>
    );
  }
  if (kind === 'locale') {
    return shape === 'one' ? (
      <Select
        label="Country"
        data={COUNTRY_OPTIONS}
        value={draft.localeValues[0] ?? null}
        onChange={(code) => onChange({ localeValues: code ? [code] : [] })}
        searchable
        error={error}
        disabled={disabled}
      />
    ) : (
      <MultiSelect
        label="Countries"
        data={COUNTRY_OPTIONS}
        value={draft.localeValues}
        onChange={(codes) => onChange({ localeValues: codes })}
        searchable
        maxValues={QUALIFICATION_LIMITS.valuesMax}
        error={error}
        disabled={disabled}
      />
    );
  }
  return shape === 'one' ? (
    <NumberInput
      label="Value"
      value={draft.integerValues[0] ?? ''}
      onChange={(v) => onChange({ integerValues: typeof v === 'number' ? [v] : [] })}
      allowDecimal={false}
      min={QUALIFICATION_LIMITS.valueMin}
      max={QUALIFICATION_LIMITS.valueMax}
      error={error}
      disabled={disabled}
    />
  ) : (
    <TagsInput
      label="Values"
      description="Whole numbers; press Enter after each."
      value={draft.integerValues.map(String)}
      onChange={(texts) =>
        onChange({
          integerValues: texts.map(parseIntegerValue).filter((v): v is number => v !== null),
        })
      }
      maxTags={QUALIFICATION_LIMITS.valuesMax}
      error={error}
      disabled={disabled}
    />
  );
}

function RequirementRow({
  draft,
  index,
  types,
  errors,
  disabled,
  onChange,
  onRemove,
}: {
  draft: RequirementDraft;
  index: number;
  types: readonly QualificationType[];
  errors: Readonly<Record<string, string>>;
  disabled: boolean;
  onChange: (draft: RequirementDraft) => void;
  onRemove: () => void;
}) {
  const type = types.find((t) => t.id === draft.qualificationTypeId);
  const kind = type?.valueKind ?? 'integer';
  const comparators = kind === 'locale' ? LOCALE_COMPARATORS : COMPARATORS;
  const typeOptions = [
    {
      group: 'System',
      items: types.filter((t) => t.system).map((t) => ({ value: t.id, label: t.name })),
    },
    {
      group: 'Yours',
      items: types.filter((t) => !t.system).map((t) => ({ value: t.id, label: t.name })),
    },
  ].filter((group) => group.items.length > 0);
  if (!type && draft.qualificationTypeId) {
    typeOptions.push({
      group: 'Other',
      items: [{ value: draft.qualificationTypeId, label: draft.qualificationTypeId }],
    });
  }
  const n = index + 1;
  return (
    <Paper withBorder p="sm" radius="md" role="group" aria-label={`Requirement ${n}`}>
      <Group align="flex-start" wrap="nowrap" gap="sm">
        <Group grow align="flex-start" style={{ flex: 1 }} gap="sm">
          <Select
            label="Qualification"
            data={typeOptions}
            value={draft.qualificationTypeId || null}
            onChange={(id) => {
              const next = types.find((t) => t.id === id);
              const allowed = next?.valueKind === 'locale' ? LOCALE_COMPARATORS : COMPARATORS;
              onChange({
                ...draft,
                qualificationTypeId: id ?? '',
                comparator: allowed.includes(draft.comparator) ? draft.comparator : 'Exists',
              });
            }}
            searchable
            error={errors.qualificationTypeId}
            disabled={disabled}
            renderOption={({ option }) => (
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{option.label}</Text>
                {types.find((t) => t.id === option.value)?.system && (
                  <Badge size="xs" color="gray">
                    System
                  </Badge>
                )}
              </Group>
            )}
          />
          <Select
            label="Condition"
            data={comparators.map((c: Comparator) => ({ value: c, label: COMPARATOR_LABELS[c] }))}
            value={draft.comparator}
            onChange={(c) => c && onChange({ ...draft, comparator: c })}
            allowDeselect={false}
            error={errors.comparator}
            disabled={disabled}
          />
          <ValuesInput
            draft={draft}
            kind={kind}
            error={errors.integerValues ?? errors.localeValues}
            disabled={disabled}
            onChange={(patch) => onChange({ ...draft, ...patch })}
          />
        </Group>
        <ActionIcon
          variant="subtle"
          color="red"
          mt={28}
          aria-label={`Remove requirement ${n}`}
          onClick={onRemove}
          disabled={disabled}
        >
          <IconTrash size={16} aria-hidden="true" />
        </ActionIcon>
      </Group>
    </Paper>
  );
}

/** Which workers may take the project's tasks: every requirement must hold. */
export function RequirementsEditor({ value, onChange, errors, disabled }: RequirementsEditorProps) {
  const types = useQualificationTypeOptions('');
  if (types.isError) return <ErrorAlert error={types.error} onRetry={() => void types.refetch()} />;
  const list = types.data ?? [];
  return (
    <Stack gap="sm">
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          Any worker may take these tasks. Add a requirement to limit them, e.g. an approval rate of
          at least 95%, a country, or a qualification you grant.
        </Text>
      )}
      {value.map((draft, index) => (
        <RequirementRow
          key={draft.key}
          draft={draft}
          index={index}
          types={list}
          errors={errors[index] ?? {}}
          disabled={disabled}
          onChange={(next) => onChange(value.map((d) => (d.key === draft.key ? next : d)))}
          onRemove={() => onChange(value.filter((d) => d.key !== draft.key))}
        />
      ))}
      <Group>
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} aria-hidden="true" />}
          disabled={disabled || value.length >= QUALIFICATION_LIMITS.requirementsMax}
          onClick={() =>
            onChange([
              ...value,
              draftOfRequirement({
                qualificationTypeId: SYSTEM_QUALIFICATION_IDS.approvalRate,
                comparator: 'GreaterThanOrEqualTo',
                integerValues: [95],
              }),
            ])
          }
        >
          Add requirement
        </Button>
      </Group>
    </Stack>
  );
}

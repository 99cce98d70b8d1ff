import { Button, Modal, NumberInput, Select, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import {
  GOVERNANCE_LIMITS,
  RULE_KEYS,
  RULES,
  ruleValueProblem,
  type Rule,
  type RuleKey,
} from '../../../../shared/api/governance.js';
import { usePropose } from '../../../api/governance.js';
import { ErrorAlert } from '../../../components/ErrorAlert.js';
import { paths } from '../../../lib/paths.js';
import { formatRuleValue } from './format.js';

/** Proposes a new value for a rule, with a reason; opens the proposal once made. */
export function ProposeModal({
  opened,
  onClose,
  rules,
}: {
  opened: boolean;
  onClose: () => void;
  rules: readonly Rule[];
}) {
  const [rule, setRule] = useState<RuleKey>('minHourlyCents');
  const [value, setValue] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const propose = usePropose();
  const navigate = useNavigate();
  const current = rules.find((r) => r.key === rule);
  const { unit, min, max } = RULES[rule];
  const valueProblem = typeof value === 'number' ? ruleValueProblem(rule, value) : 'Enter a number';
  const reasonProblem = reason.trim() ? null : 'Say why the rule should change';

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setTried(true);
    if (valueProblem || reasonProblem || typeof value !== 'number') return;
    propose.mutate(
      { rule, value, reason: reason.trim() },
      { onSuccess: (proposal) => void navigate(paths.proposal(proposal.id)) },
    );
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Propose a rule change" size="lg">
      <form onSubmit={submit} noValidate>
        <Stack>
          <Select
            label="Rule"
            data={RULE_KEYS.map((key) => ({ value: key, label: RULES[key].title }))}
            value={rule}
            onChange={(next) => {
              const key = RULE_KEYS.find((k) => k === next);
              if (key) setRule(key);
            }}
            allowDeselect={false}
          />
          {current && (
            <Text size="sm" c="dimmed">
              In force now: {formatRuleValue(rule, current.value)}. {RULES[rule].description}
            </Text>
          )}
          <NumberInput
            label={`New value (${unit})`}
            description={`Between ${min} and ${max}`}
            value={value}
            onChange={setValue}
            min={min}
            max={max}
            decimalScale={RULES[rule].whole ? 0 : 4}
            required
            error={tried ? valueProblem : undefined}
          />
          <Textarea
            label="Reason"
            description="Shown to everyone with the proposal"
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            maxLength={GOVERNANCE_LIMITS.reasonMax}
            autosize
            minRows={3}
            required
            error={tried ? reasonProblem : undefined}
          />
          {propose.isError && <ErrorAlert error={propose.error} title="Not proposed" />}
          <Button type="submit" loading={propose.isPending}>
            Propose
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}

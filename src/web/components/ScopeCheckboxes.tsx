import { Checkbox, SimpleGrid, type CheckboxGroupProps } from '@mantine/core';
import { SCOPE_DESCRIPTIONS, type Scope } from '../../shared/scopes.js';

/** A choice of API scopes, each with what it allows (for a token or an app). */
export function ScopeCheckboxes({
  offered,
  ...group
}: { offered: readonly Scope[] } & Omit<CheckboxGroupProps, 'children'>) {
  return (
    <Checkbox.Group {...group}>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
        {offered.map((scope) => (
          <Checkbox
            key={scope}
            value={scope}
            label={scope}
            description={SCOPE_DESCRIPTIONS[scope]}
          />
        ))}
      </SimpleGrid>
    </Checkbox.Group>
  );
}

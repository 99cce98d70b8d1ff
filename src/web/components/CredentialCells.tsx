import { Badge, Group, Table, Text } from '@mantine/core';

/**
 * The first two cells of a row that grants access (an access token, a connected app): what it is
 * called with its identifier, and the scopes it may use.
 */
export function CredentialCells({
  name,
  id,
  scopes,
}: {
  name: string;
  /** Shown in monospace under the name, e.g. a token's prefix or an app's client id. */
  id: string;
  scopes: readonly string[];
}) {
  return (
    <>
      <Table.Td>
        <Text size="sm" fw={600}>
          {name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          {id}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {scopes.map((scope) => (
            <Badge key={scope} size="sm" color="gray">
              {scope}
            </Badge>
          ))}
        </Group>
      </Table.Td>
    </>
  );
}

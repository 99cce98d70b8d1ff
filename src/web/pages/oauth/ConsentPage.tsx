import {
  Alert,
  Button,
  Checkbox,
  Code,
  Container,
  Group,
  List,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconApps, IconCheck, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { OAuthInteraction } from '../../../shared/api/oauth.js';
import { SCOPES, type Scope } from '../../../shared/scopes.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { signInPathFor } from '../../lib/paths.js';
import { useDocumentTitle } from '../../lib/use-document-title.js';
import {
  oauthPaths,
  useAnswerInteraction,
  useOAuthInteraction,
  type InteractionAnswer,
} from './oauth-api.js';
import { isOneOf } from '../../lib/narrow.js';

type Requested = OAuthInteraction['scopes'];

const isApiScope = (scope: string): scope is Scope => isOneOf(SCOPES, scope);

/**
 * The API scopes the app asked for, as boxes the person may untick. Moving money and admin powers
 * start unticked: granting them takes a deliberate click.
 */
function ScopeChoices(props: {
  scopes: Requested;
  chosen: Scope[];
  onChange: (chosen: Scope[]) => void;
}) {
  const fixed = props.scopes.filter((s) => !s.optional);
  const choosable = props.scopes.filter((s) => s.optional);
  return (
    <Stack gap="sm">
      {choosable.length > 0 && (
        <Checkbox.Group
          label="What the app will be able to do"
          description="Untick anything you do not want it to do. Moving money and admin powers are never ticked for you."
          value={props.chosen}
          onChange={(value) => props.onChange(value.filter(isApiScope))}
        >
          <Stack gap="sm" mt="xs">
            {choosable.map(({ scope, description }) => (
              <Checkbox
                key={scope}
                value={scope}
                label={description}
                description={<Code fz="xs">{scope}</Code>}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      )}
      {fixed.length > 0 && (
        <List
          spacing="sm"
          aria-label="What comes with connecting the app"
          icon={
            <ThemeIcon size={22} radius="xl" color="teal" variant="light">
              <IconCheck size={14} aria-hidden="true" />
            </ThemeIcon>
          }
        >
          {fixed.map(({ scope, description }) => (
            <List.Item key={scope}>
              <Text size="sm">{description}</Text>
              <Code fz="xs">{scope}</Code>
            </List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

function Answer({ interaction }: { interaction: OAuthInteraction }) {
  const answer = useAnswerInteraction(interaction.uid);
  const [chosen, setChosen] = useState<Scope[]>(() =>
    interaction.scopes
      .filter((s) => s.optional && s.preselected)
      .map((s) => s.scope)
      .filter(isApiScope),
  );
  const busy = answer.isPending || answer.isSuccess;
  const send = (choice: InteractionAnswer) =>
    answer.mutate({ answer: choice, ...(choice === 'approve' && { scopes: chosen }) });
  const sent = answer.variables?.answer;
  const app = interaction.client.name;

  if (!interaction.user) {
    return (
      <Stack gap="md">
        <Text>Sign in to your Tessera account to decide whether {app} may use it.</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={() => send('cancel')} disabled={busy}>
            Cancel
          </Button>
          <Button component={Link} to={signInPathFor(oauthPaths.consent(interaction.uid))}>
            Sign in to continue
          </Button>
        </Group>
        {answer.isError && <ErrorAlert error={answer.error} title="That did not work" />}
      </Stack>
    );
  }

  const who = `${interaction.user.displayName} (${interaction.user.email})`;
  return (
    <Stack gap="lg">
      {interaction.needsConsent ? (
        <>
          <Text>
            <strong>{app}</strong> wants to use your Tessera account, {who}.
          </Text>
          <ScopeChoices scopes={interaction.scopes} chosen={chosen} onChange={setChosen} />
          <Alert color="gray" variant="light" icon={<IconInfoCircle aria-hidden="true" />}>
            You can disconnect it at any time under Connected apps in your settings.
          </Alert>
        </>
      ) : (
        <Text>
          You have already allowed <strong>{app}</strong>. Continue as {who}?
        </Text>
      )}
      {answer.isError && <ErrorAlert error={answer.error} title="That did not work" />}
      <Group justify="flex-end" gap="sm">
        <Button
          variant="default"
          onClick={() => send(interaction.needsConsent ? 'deny' : 'cancel')}
          loading={busy && (sent === 'deny' || sent === 'cancel')}
          disabled={busy}
        >
          {interaction.needsConsent ? 'Deny' : 'Cancel'}
        </Button>
        <Button
          onClick={() => send(interaction.needsConsent ? 'approve' : 'continue')}
          loading={busy && (sent === 'approve' || sent === 'continue')}
          disabled={busy}
        >
          {interaction.needsConsent ? 'Allow' : 'Continue'}
        </Button>
      </Group>
    </Stack>
  );
}

/**
 * Where the authorization server sends people while an app asks for access: the app's name,
 * what it asks to do (each API scope a box the person may untick), and Allow / Deny. The browser then returns to the app.
 */
export function ConsentPage() {
  const { uid = '' } = useParams();
  const interaction = useOAuthInteraction(uid);
  const title = interaction.data ? `Connect ${interaction.data.client.name}` : 'Connect an app';
  useDocumentTitle(title);

  return (
    <Container size={560} py={48}>
      <Stack gap="lg">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon size={44} radius="md" variant="light">
            <IconApps size={26} aria-hidden="true" />
          </ThemeIcon>
          <Title order={1}>{title}</Title>
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {interaction.isPending && <LoadingState label="Loading the request…" />}
          {interaction.isError && (
            <ErrorAlert error={interaction.error} title="This request cannot continue" />
          )}
          {interaction.data && <Answer interaction={interaction.data} />}
        </Paper>
      </Stack>
    </Container>
  );
}

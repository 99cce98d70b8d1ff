import {
  Alert,
  Badge,
  Button,
  Code,
  FileButton,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCircleCheck, IconUpload } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import {
  analyseMturkTemplate,
  type MturkTemplateAnalysis,
} from '../../../shared/templates/mturk-import.js';
import { HtmlSourceTextarea } from './HtmlSourceTextarea.js';

function AnalysisReport({ analysis }: { analysis: MturkTemplateAnalysis }) {
  const blocking = analysis.problems.filter((p) => p.blocking);
  const unsupported = analysis.problems.filter((p) => !p.blocking);
  return (
    <Stack gap="sm" role="region" aria-label="Analysis of the template">
      {blocking.length > 0 && (
        <Alert color="red" variant="light" title="This template cannot be imported" role="alert">
          <List size="sm">
            {blocking.map((p) => (
              <List.Item key={p.message}>{p.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {unsupported.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden="true" />}
          title={`What Tessera cannot support (${unsupported.length})`}
          // Yellow text on the light yellow ground fails WCAG's contrast ratio: the title is dark.
          styles={{ title: { color: 'var(--mantine-color-text)' } }}
        >
          <List size="sm">
            {unsupported.map((p) => (
              <List.Item key={p.message}>{p.message}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {analysis.problems.length === 0 && (
        <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden="true" />}>
          Everything in this template runs in Tessera.
          {analysis.usesAmazonScript &&
            " Amazon's crowd-html-elements script is served by Tessera itself."}
        </Alert>
      )}
      <Title order={3}>Columns the batch needs</Title>
      {analysis.columns.length === 0 ? (
        <Text size="sm" c="dimmed">
          No <Code>{'${column}'}</Code> placeholders: every task shows the same page.
        </Text>
      ) : (
        <Table aria-label="Columns the batch needs" withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Column</Table.Th>
              <Table.Th>Placeholders</Table.Th>
              <Table.Th>Each row must hold</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {analysis.columns.map((column) => (
              <Table.Tr key={column.name}>
                <Table.Td ff="monospace">{column.name}</Table.Td>
                <Table.Td>
                  {analysis.placeholders.find((p) => p.name === column.name)?.count ?? 0}
                </Table.Td>
                <Table.Td>{column.holds ?? 'any text'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Title order={3}>Crowd elements used</Title>
      {analysis.crowdElements.length === 0 ? (
        <Text size="sm" c="dimmed">
          None: the template uses plain HTML form fields.
        </Text>
      ) : (
        <Group gap={6} aria-label="Crowd elements used" role="list">
          {analysis.crowdElements.map((name) => (
            <Badge key={name} variant="light" tt="none" role="listitem">
              {`<${name}>`}
            </Badge>
          ))}
        </Group>
      )}
    </Stack>
  );
}

type ImportMturkTemplateProps = {
  opened: boolean;
  onClose: () => void;
  onImport: (html: string) => void;
};

/** "Import MTurk template": paste or upload MTurk's HTML, read the analysis, import it as-is. */
export function ImportMturkTemplate({ opened, onClose, onImport }: ImportMturkTemplateProps) {
  const [html, setHtml] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [settled] = useDebouncedValue(html, 250);
  const analysis = useMemo(
    () => (settled.trim() === '' ? null : analyseMturkTemplate(settled)),
    [settled],
  );

  const readFile = async (file: File | null) => {
    if (!file) return;
    setFileError(null);
    if (!/\.html?$/i.test(file.name)) {
      setFileError(`${file.name} is not an .html file; export the layout from MTurk as HTML.`);
      return;
    }
    setHtml(await file.text());
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Import an MTurk template" size="xl">
      <Stack gap="md">
        <Text size="sm">
          Paste the HTML of an MTurk layout, with its <Code>{'${column}'}</Code> placeholders,{' '}
          <Code>{'<crowd-form>'}</Code>, scripts and styles, or upload the <Code>.html</Code> file
          MTurk exports. It is saved as-is.
        </Text>
        <HtmlSourceTextarea
          label="MTurk template HTML"
          value={html}
          onChange={(e) => setHtml(e.currentTarget.value)}
          minRows={8}
          maxRows={16}
        />
        <Group gap="sm">
          <FileButton onChange={(file) => void readFile(file)} accept=".html,.htm,text/html">
            {(props) => (
              <Button
                variant="default"
                leftSection={<IconUpload size={16} aria-hidden="true" />}
                {...props}
              >
                Upload .html file
              </Button>
            )}
          </FileButton>
          {fileError && (
            <Text size="sm" c="red.9" role="alert">
              {fileError}
            </Text>
          )}
        </Group>
        {analysis && <AnalysisReport analysis={analysis} />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            disabled={!analysis?.importable || settled !== html}
            onClick={() => {
              onImport(html);
              setHtml('');
            }}
          >
            Import as-is
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

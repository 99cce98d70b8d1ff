import { Code, Stack, Text } from '@mantine/core';
import { TEMPLATE_LIMITS } from '../../../shared/templates/index.js';
import { HtmlSourceTextarea } from './HtmlSourceTextarea.js';

type HtmlTemplateEditorProps = {
  html: string;
  onChange: (html: string) => void;
  error: string | undefined;
  disabled: boolean;
};

/** An MTurk-style HTML template, edited as code. */
export function HtmlTemplateEditor({ html, onChange, error, disabled }: HtmlTemplateEditorProps) {
  const bytes = new TextEncoder().encode(html).length;
  return (
    <Stack gap={6}>
      <HtmlSourceTextarea
        label="HTML template"
        description={
          <>
            Write <Code>{'${column}'}</Code> where a value from your data goes; it is HTML-escaped
            when filled. Put the questions in a <Code>{'<form>'}</Code> with a submit button: its
            fields, by name, are the answers.
          </>
        }
        value={html}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        disabled={disabled}
        minRows={18}
        maxRows={40}
        withAsterisk
      />
      <Text size="xs" c={bytes > TEMPLATE_LIMITS.htmlBytes ? 'red.9' : 'dimmed'}>
        {bytes.toLocaleString('en')} of {TEMPLATE_LIMITS.htmlBytes.toLocaleString('en')} bytes. The
        page runs in a sandbox: its scripts cannot reach Tessera or the worker’s session.
      </Text>
    </Stack>
  );
}

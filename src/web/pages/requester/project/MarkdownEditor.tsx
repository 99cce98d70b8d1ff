import { Input, Paper, Tabs, Text, Textarea } from '@mantine/core';
import { useId, useState, type ReactNode } from 'react';
import { Markdown } from '../../../components/Markdown.js';

type MarkdownEditorProps = {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: ReactNode;
  maxLength: number;
  disabled?: boolean;
  placeholder?: string;
};

/** Markdown with a Write / Preview switch; the preview renders exactly what workers will read. */
export function MarkdownEditor(props: MarkdownEditorProps) {
  const { label, description, value, onChange, error, maxLength, disabled, placeholder } = props;
  const [mode, setMode] = useState<string | null>('write');
  const id = useId();
  return (
    <Input.Wrapper label={label} description={description} error={error} id={id}>
      <Tabs value={mode} onChange={setMode} variant="outline" mt={6}>
        <Tabs.List>
          <Tabs.Tab value="write">Write</Tabs.Tab>
          <Tabs.Tab value="preview">Preview</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="write" pt="xs">
          <Textarea
            id={id}
            aria-label={label}
            value={value}
            onChange={(e) => onChange(e.currentTarget.value)}
            autosize
            minRows={6}
            maxRows={20}
            maxLength={maxLength}
            disabled={disabled}
            placeholder={placeholder}
            classNames={{ input: 'code-editor' }}
            error={Boolean(error)}
          />
        </Tabs.Panel>
        <Tabs.Panel value="preview" pt="xs">
          <Paper withBorder p="md" mih={140}>
            {value.trim() ? (
              <Markdown fz="sm">{value}</Markdown>
            ) : (
              <Text size="sm" c="dimmed">
                Nothing to preview yet.
              </Text>
            )}
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </Input.Wrapper>
  );
}

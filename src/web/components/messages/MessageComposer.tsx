import { Button, Group, Textarea } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState, type FormEvent, type KeyboardEvent } from 'react';
import { MESSAGE_LIMITS } from '../../../shared/api/messages.js';
import { ErrorAlert } from '../ErrorAlert.js';

/**
 * A message's text box and Send button. Ctrl+Enter (⌘+Enter) sends from the keyboard; the box
 * empties only once the message is sent, so a failed send keeps what was written.
 */
export function MessageComposer({
  label,
  placeholder,
  pending,
  error,
  onSend,
  autoFocus = false,
}: {
  label: string;
  placeholder?: string;
  pending: boolean;
  error: unknown;
  onSend: (body: string) => Promise<unknown>;
  autoFocus?: boolean;
}) {
  const [body, setBody] = useState('');
  const empty = body.trim().length === 0;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (empty || pending) return;
    try {
      await onSend(body);
      setBody('');
    } catch {
      // Shown by the error alert below; the text stays for another try.
    }
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit();
  };

  return (
    <form onSubmit={(event) => void submit(event)}>
      {error ? <ErrorAlert error={error} mb="sm" /> : null}
      <Textarea
        label={label}
        description={`Plain text, up to ${MESSAGE_LIMITS.bodyMax.toLocaleString('en')} characters. Ctrl+Enter sends.`}
        placeholder={placeholder}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        maxLength={MESSAGE_LIMITS.bodyMax}
        autosize
        minRows={2}
        maxRows={8}
        autoFocus={autoFocus}
      />
      <Group justify="flex-end" mt="sm">
        <Button
          type="submit"
          leftSection={<IconSend size={16} aria-hidden="true" />}
          loading={pending}
          disabled={empty}
        >
          Send
        </Button>
      </Group>
    </form>
  );
}

import { Textarea, type TextareaProps } from '@mantine/core';

/**
 * A box for HTML source, in the editor's monospace style; the browser does not check spelling,
 * capitalise or autocomplete what is code.
 */
export function HtmlSourceTextarea(props: TextareaProps) {
  return (
    <Textarea
      autosize
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      classNames={{ input: 'code-editor' }}
      {...props}
    />
  );
}

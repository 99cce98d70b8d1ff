import { TextInput, type TextInputProps } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';

type SearchInputProps = {
  /** The text as typed; the page debounces what it asks the server for. */
  value: string;
  onChange: (value: string) => void;
  /** It grows with the toolbar up to this width, in pixels. */
  maxWidth: number;
} & Pick<TextInputProps, 'placeholder' | 'maxLength'>;

/** The "Search" box at the head of a list. */
export function SearchInput({ value, onChange, maxWidth, ...rest }: SearchInputProps) {
  return (
    <TextInput
      label="Search"
      leftSection={<IconSearch size={16} aria-hidden="true" />}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      style={{ flex: 1, maxWidth }}
      type="search"
      {...rest}
    />
  );
}

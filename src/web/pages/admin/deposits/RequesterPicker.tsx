import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import type { User } from '../../../../shared/api/accounts.js';
import { useRequesterSearch } from '../../../api/admin-deposits.js';

/** Finds a requester account by name, handle or email as the administrator types. */
export function RequesterPicker({
  value,
  onChange,
  error,
}: {
  value: User | null;
  onChange: (user: User | null) => void;
  error: string | undefined;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const results = useRequesterSearch(debounced);
  const found = results.data?.items ?? [];
  // The chosen one stays an option while the results change under it.
  const users = value && !found.some((u) => u.id === value.id) ? [value, ...found] : found;
  const labelOf = (u: User) => `${u.displayName} — ${u.email}`;

  return (
    <Select
      label="Requester"
      description="Search by name, handle or email. Only requester accounts are listed."
      placeholder="e.g. Acme Research or ops@acme.example"
      required
      searchable
      clearable
      searchValue={search}
      onSearchChange={setSearch}
      // The server already filtered; Mantine's own filter would hide matches on email.
      filter={({ options }) => options}
      data={users.map((u) => ({ value: u.id, label: labelOf(u) }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(users.find((u) => u.id === id) ?? null)}
      nothingFoundMessage={
        debounced.trim() === ''
          ? 'Type to search'
          : results.isFetching
            ? 'Searching…'
            : 'No requester matches'
      }
      error={error}
    />
  );
}

import { Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { DataTable, type Column } from '../../../components/DataTable.js';
import { EmptyState, type EmptyStateProps } from '../../../components/EmptyState.js';
import { QueryList, type ListSource } from '../../../components/QueryList.js';

type DrawerTableProps<T> = ListSource<T> & {
  /** The section's heading above the table. */
  title: string;
  loadingLabel: string;
  empty: Omit<EmptyStateProps, 'framed'>;
  /** The table's accessible name. */
  label: string;
  columns: readonly Column[];
  /** One `Table.Tr` per item, with its key. */
  row: (item: T) => ReactNode;
};

/**
 * One titled table of the holders drawer (pending requests, holders). The drawer is no card, so
 * the empty state needs no frame and "Load more" no card footer.
 */
export function DrawerTable<T>(props: DrawerTableProps<T>) {
  // The list's props are a union (query alone, or query and items), which a rest pattern would
  // not keep, so the whole props go to QueryList (it reads only its own).
  const { title, empty, label, columns, row } = props;
  return (
    <div>
      <Title order={3} mb="xs">
        {title}
      </Title>
      <QueryList<T> {...props} moreInCard={false} empty={<EmptyState {...empty} framed={false} />}>
        {(rows) => (
          <DataTable label={label} columns={columns}>
            {rows.map(row)}
          </DataTable>
        )}
      </QueryList>
    </div>
  );
}

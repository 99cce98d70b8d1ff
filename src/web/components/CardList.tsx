import type { ReactNode } from 'react';
import { DataTable, type DataTableProps } from './DataTable.js';
import { EmptyState, type EmptyStateProps } from './EmptyState.js';
import { QueryList, type ListSource } from './QueryList.js';

type CardListOptions = {
  /** What is read aloud and shown while the first page loads, e.g. "Loading users…". */
  loadingLabel: string;
  /** The empty state, drawn without a frame of its own (the card has one); `false` for none. */
  empty?: Omit<EmptyStateProps, 'framed'> | false;
};

type CardListProps<T> = ListSource<T> &
  CardListOptions & { children: (items: readonly T[]) => ReactNode };

/**
 * A list that fills a card under its heading bar: the list's states (QueryList) with the error
 * spaced from the bar and the empty state drawn inside the card's border.
 */
export function CardList<T>({ loadingLabel, empty, children, ...source }: CardListProps<T>) {
  return (
    <QueryList<T>
      {...source}
      loadingLabel={loadingLabel}
      errorMt="md"
      empty={empty && <EmptyState {...empty} framed={false} />}
    >
      {children}
    </QueryList>
  );
}

type CardTableProps<T> = ListSource<T> &
  CardListOptions &
  Omit<DataTableProps, 'children'> & {
    /** One `Table.Tr` per item, with its key. */
    row: (item: T) => ReactNode;
  };

/** A card's list of records shown as a table: a CardList whose items are the rows of a DataTable. */
export function CardTable<T>(props: CardTableProps<T>) {
  // The list's props are a union (query alone, or query and items), which a rest pattern would
  // not keep, so the whole props go to CardList (it reads only its own) and the table's are named.
  const { label, columns, minWidth, highlightOnHover, striped, row } = props;
  return (
    <CardList<T> {...props}>
      {(items) => (
        <DataTable {...{ label, columns, minWidth, highlightOnHover, striped }}>
          {items.map(row)}
        </DataTable>
      )}
    </CardList>
  );
}

import { Table, type TableProps, type TableThProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** A column heading: its text, or its text with the heading cell's props (alignment, width…). */
export type Column = string | (TableThProps & { label: ReactNode });

/** The row actions' column: named for screen readers, blank on screen. */
export const ACTIONS_COLUMN = {
  label: <span className="visually-hidden">Actions</span>,
} satisfies Column;

export type DataTableProps = Pick<
  TableProps,
  'highlightOnHover' | 'striped' | 'horizontalSpacing'
> & {
  /** The table's accessible name. */
  label: string;
  columns: readonly Column[];
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth?: number;
  /** The rows (`Table.Tr`s). */
  children: ReactNode;
};

/** A table of records with one heading row: the same markup for every list in the app. */
export function DataTable({ label, columns, minWidth, children, ...look }: DataTableProps) {
  const table = (
    <Table aria-label={label} {...look}>
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, index) => {
            const { label: heading, ...th } =
              typeof column === 'string' ? { label: column } : column;
            return (
              <Table.Th key={index} {...th}>
                {heading}
              </Table.Th>
            );
          })}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
  if (minWidth === undefined) return table;
  return <Table.ScrollContainer minWidth={minWidth}>{table}</Table.ScrollContainer>;
}

/**
 * A list page's table: loading while `rows` is null, the line `empty` when there are none (as
 * ListRows; without `empty`, a table without rows), else a heading a column and a row a record, one
 * cell a column. A cell given as text stands as plain
 * Typography; any other node as it is.
 */
import type { ReactNode } from 'react';
import { Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { ListRows } from './ListRows';

interface Props<T> {
  rows: T[] | null;
  empty?: string;
  emptyTestId?: string;
  /** The column headings, in order. */
  columns: string[];
  rowKey: (row: T) => string | number;
  rowTestId?: (row: T) => string;
  cells: (row: T) => ReactNode[];
  testId?: string;
}

export function ListTable<T>({ rows, empty, emptyTestId, columns, rowKey, rowTestId, cells, testId }: Props<T>) {
  const table = (rows: T[]) => (
    <Table colCount={columns.length} rowCount={rows.length + 1} data-testid={testId}>
      <Thead>
        <Tr>
          {columns.map((c, i) => (
            <Th key={i}>
              <Typography variant="sigma">{c}</Typography>
            </Th>
          ))}
        </Tr>
      </Thead>
      <Tbody>
        {rows.map((row) => (
          <Tr key={rowKey(row)} data-testid={rowTestId?.(row)}>
            {cells(row).map((cell, i) => (
              <Td key={i}>{typeof cell === 'string' || typeof cell === 'number' ? <Typography>{cell}</Typography> : cell}</Td>
            ))}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
  return empty === undefined && rows !== null ? (
    table(rows)
  ) : (
    <ListRows rows={rows} empty={empty ?? ''} emptyTestId={emptyTestId}>
      {table}
    </ListRows>
  );
}

/** A list's body: loading while `rows` is null, a line when it is empty, else the table it renders. */
import type { ReactNode } from 'react';
import { Typography } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';

interface Props<T> {
  rows: T[] | null;
  empty: string;
  emptyTestId?: string;
  children: (rows: T[]) => ReactNode;
}

export function ListRows<T>({ rows, empty, emptyTestId, children }: Props<T>) {
  if (rows === null) return <Page.Loading />;
  if (rows.length === 0) return <Typography data-testid={emptyTestId}>{empty}</Typography>;
  return <>{children(rows)}</>;
}

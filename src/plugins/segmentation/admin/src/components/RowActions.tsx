/**
 * The action buttons of a list row: the ones a page passes first (open, preview), then — when the
 * caller may write — duplicate and delete (after confirming).
 */
import type { ReactNode } from 'react';
import { Flex, IconButton } from '@strapi/design-system';
import { Duplicate, Trash } from '@strapi/icons';

interface Props {
  children?: ReactNode;
  canWrite: boolean;
  duplicate: { label: string; onClick: () => void };
  remove: { label: string; confirm: string; onClick: () => void };
}

export function RowActions({ children, canWrite, duplicate, remove }: Props) {
  return (
    <Flex gap={1}>
      {children}
      {canWrite && (
        <>
          <IconButton label={duplicate.label} onClick={duplicate.onClick}>
            <Duplicate />
          </IconButton>
          <IconButton label={remove.label} onClick={() => window.confirm(remove.confirm) && remove.onClick()}>
            <Trash />
          </IconButton>
        </>
      )}
    </Flex>
  );
}

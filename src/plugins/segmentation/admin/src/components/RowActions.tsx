/**
 * The action buttons of a list row: the ones a page passes first (open, preview), then — when the
 * caller may write and the page offers them — duplicate and delete (after confirming in a Dialog
 * that names the row).
 */
import { useState, type ReactNode } from 'react';
import { Flex, IconButton } from '@strapi/design-system';
import { Duplicate, Trash } from '@strapi/icons';
import { ConfirmDialog } from './ConfirmDialog';
import { useT } from '../utils/useT';

interface Props {
  children?: ReactNode;
  canWrite?: boolean;
  /** Space between the buttons (design-system units). */
  gap?: 1 | 2;
  duplicate?: { label: string; onClick: () => void };
  /** `confirm`: the Dialog's text, naming the row; `title`: its heading (default: `label`). */
  remove?: { label: string; confirm: string; title?: string; onClick: () => void };
}

export function RowActions({ children, canWrite = false, gap = 1, duplicate, remove }: Props) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  return (
    <Flex gap={gap}>
      {children}
      {canWrite && duplicate && (
        <IconButton label={duplicate.label} onClick={duplicate.onClick}>
          <Duplicate />
        </IconButton>
      )}
      {canWrite && remove && (
        <>
          <IconButton label={remove.label} onClick={() => setAsking(true)}>
            <Trash />
          </IconButton>
          <ConfirmDialog
            open={asking}
            title={remove.title ?? remove.label}
            body={remove.confirm}
            confirmLabel={remove.label}
            cancelLabel={t('cancel')}
            onCancel={() => setAsking(false)}
            onConfirm={() => (setAsking(false), remove.onClick())}
          />
        </>
      )}
    </Flex>
  );
}

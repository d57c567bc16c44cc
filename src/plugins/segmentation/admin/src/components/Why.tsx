/**
 * A disabled action says why: with a reason, the action is wrapped in the design system's Tooltip
 * (on hover and keyboard focus; a disabled button gets no pointer events, so the wrapper takes them)
 * and the reason is kept in `data-reason` for whoever reads the page without hovering.
 */
import type { ReactElement } from 'react';
import { Tooltip } from '@strapi/design-system';

export function Why({ reason, children }: { reason: string | null | false | undefined; children: ReactElement }) {
  if (!reason) return children;
  return (
    <Tooltip label={reason}>
      <span tabIndex={0} data-testid="disabled-reason" data-reason={reason} style={{ display: 'inline-flex' }}>
        {children}
      </span>
    </Tooltip>
  );
}

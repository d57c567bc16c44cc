/**
 * A disabled action says why: wrapped in the design system's Tooltip (on a focusable wrapper, as a
 * disabled button gets no pointer or focus events). Without a reason the action is shown as is.
 */
import type { ReactNode } from 'react';
import { Tooltip } from '@strapi/design-system';

export function WithReason({ reason, children }: { reason?: string | null | false; children: ReactNode }) {
  if (!reason) return <>{children}</>;
  return (
    <Tooltip label={reason}>
      <span tabIndex={0} data-reason={reason} style={{ display: 'inline-flex' }}>
        {/* The pointer is over the wrapper, not the disabled button (which gets no pointer events). */}
        <span style={{ display: 'inline-flex', pointerEvents: 'none' }}>{children}</span>
      </span>
    </Tooltip>
  );
}

/** An event message's status as a coloured badge. */
import { Badge } from '@strapi/design-system';
import type { MessageStatus } from '../../../shared/event-messages';
import { useT } from '../utils/useT';

const VARIANT: Record<MessageStatus, 'neutral' | 'secondary' | 'primary' | 'warning' | 'success' | 'danger'> = {
  pending: 'secondary',
  sending: 'primary',
  sent: 'success',
  cancelled: 'neutral',
  missed: 'warning',
  failed: 'danger',
};

export function MessageStatusBadge({ status }: { status: MessageStatus }) {
  const t = useT();
  return (
    <Badge variant={VARIANT[status] ?? 'neutral'} data-testid="message-status" data-value={status}>
      {t(`event.status.${status}`)}
    </Badge>
  );
}

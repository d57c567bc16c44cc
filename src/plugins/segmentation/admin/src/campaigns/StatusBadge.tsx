/** A campaign's status as a coloured badge. */
import { Badge } from '@strapi/design-system';
import type { CampaignStatus } from './api';
import { useT } from '../utils/useT';

const VARIANT: Record<CampaignStatus, 'neutral' | 'secondary' | 'primary' | 'warning' | 'success' | 'danger'> = {
  draft: 'neutral',
  scheduled: 'secondary',
  sending: 'primary',
  paused: 'warning',
  sent: 'success',
  cancelled: 'neutral',
  failed: 'danger',
};

export function StatusBadge({ status }: { status: CampaignStatus }) {
  const t = useT();
  return (
    <Badge variant={VARIANT[status] ?? 'neutral'} data-testid="campaign-status">
      {t(`campaign.status.${status}`)}
    </Badge>
  );
}

/** Whether the address is suppressed now: ja (red) / nee (green). */
import { Badge } from '@strapi/design-system';
import { useT } from '../utils/useT';

export function SuppressedBadge({ suppressed }: { suppressed: boolean }) {
  const t = useT();
  return (
    <Badge data-testid="suppressed-badge" textColor={suppressed ? 'danger600' : 'success600'} backgroundColor={suppressed ? 'danger100' : 'success100'}>
      {t(suppressed ? 'bounces.suppressed.yes' : 'bounces.suppressed.no')}
    </Badge>
  );
}

/** A pass number linked to the holder's page (card and contact history); for lists, previews and statistics. */
import { NavLink } from 'react-router-dom';
import { Link } from '@strapi/design-system';
import { holderPath } from './api';

export function HolderLink({ uid, children }: { uid: string; children?: string }) {
  return (
    <Link tag={NavLink} to={holderPath(uid)} data-testid="holder-link">
      {children ?? uid}
    </Link>
  );
}

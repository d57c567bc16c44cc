/** The header's "back" link (Strapi's look: an arrow and a short text), to a fixed page. */
import { NavLink } from 'react-router-dom';
import { Link } from '@strapi/design-system';
import { ArrowLeft } from '@strapi/icons';

export function BackLink({ to, children }: { to: string; children: string }) {
  return (
    <Link tag={NavLink} to={to} startIcon={<ArrowLeft />}>
      {children}
    </Link>
  );
}

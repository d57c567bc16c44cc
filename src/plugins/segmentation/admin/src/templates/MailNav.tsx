/** The row of links between the Mailings pages: campaigns, templates, sender addresses, bounces. */
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, Flex } from '@strapi/design-system';
import { BASE } from './api';
import { useT } from '../utils/useT';

const PAGES = [
  { path: 'campaigns', label: 'mail.nav.campaigns' },
  { path: 'templates', label: 'mail.nav.templates' },
  { path: 'senders', label: 'mail.nav.senders' },
  { path: 'bounces', label: 'mail.nav.bounces' },
] as const;

export function MailNav() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Flex gap={2} paddingBottom={4} tag="nav" aria-label={t('mail.nav.label')}>
      {PAGES.map((p) => {
        const active = pathname.includes(`${BASE}/${p.path}`);
        return (
          <Button
            key={p.path}
            variant={active ? 'secondary' : 'tertiary'}
            aria-current={active ? 'page' : undefined}
            onClick={() => navigate(`${BASE}/${p.path}`)}
          >
            {t(p.label)}
          </Button>
        );
      })}
    </Flex>
  );
}

/**
 * "UiTPAS-beheer" in the main menu: the settings pages Partners and Auditlog where administrators
 * look for them (they stay under Settings → UiTPAS too). Each page protects itself.
 */
import { lazy, Suspense } from 'react';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { Box, Button, Flex } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';

export const MANAGE_BASE = '/plugins/uitpas';
const PartnersPage = lazy(() => import('../partners/PartnersPage'));
const AuditPage = lazy(() => import('../partners/AuditPage'));
const PAGES = ['partners', 'audit'] as const;

function ManageNav() {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  return (
    <Flex gap={2} paddingLeft={10} paddingTop={6} tag="nav" aria-label={t('manage.nav')}>
      {PAGES.map((p) => {
        const active = pathname.startsWith(`/admin${MANAGE_BASE}/${p}`) || pathname.startsWith(`${MANAGE_BASE}/${p}`);
        return (
          <Button
            key={p}
            variant={active ? 'secondary' : 'tertiary'}
            aria-current={active ? 'page' : undefined}
            onClick={() => navigate(`${MANAGE_BASE}/${p}`)}
          >
            {t(`settings.${p}`)}
          </Button>
        );
      })}
    </Flex>
  );
}

export function ManageApp() {
  return (
    <Box>
      <ManageNav />
      <Suspense fallback={<Page.Loading />}>
        <Routes>
          <Route index element={<Navigate to="partners" replace />} />
          <Route path="partners" element={<PartnersPage />} />
          <Route path="audit" element={<AuditPage />} />
        </Routes>
      </Suspense>
    </Box>
  );
}

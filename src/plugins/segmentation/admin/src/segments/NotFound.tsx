/** A segment the caller may not see (another partner's) or that does not exist: the same "not found". */
import { useNavigate } from 'react-router-dom';
import { Button, EmptyStateLayout } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';

export function NotFound({ back }: { back: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Layouts.Root>
      <Page.Title>{t('segment.notFound')}</Page.Title>
      <Layouts.Header
        title={t('segment.notFound')}
        navigationAction={
          <Button variant="tertiary" onClick={() => navigate(back)}>
            {t('back')}
          </Button>
        }
      />
      <Layouts.Content>
        <EmptyStateLayout
          content={t('partners.notFound')}
          action={
            <Button variant="secondary" onClick={() => navigate(back)}>
              {t('partners.toList')}
            </Button>
          }
        />
      </Layouts.Content>
    </Layouts.Root>
  );
}

/** What a page shows before its data: the problem that stopped the load, or Strapi's loading state. */
import { Alert } from '@strapi/design-system';
import { Page } from '@strapi/strapi/admin';
import { useT } from '../utils/useT';

export function LoadState({ error, loaded }: { error: string | null; loaded: boolean }) {
  const t = useT();
  if (error)
    return (
      <Alert variant="danger" title={t('partners.error')} closeLabel={t('partners.close')}>
        {error}
      </Alert>
    );
  return loaded ? null : <Page.Loading />;
}

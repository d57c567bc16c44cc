/**
 * A pass holder's page: the card (name, address, e-mail, phone) and the contact history. Without the
 * personal-data permission the server refuses both (403): the page says why instead.
 */
import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Box, EmptyStateLayout, Flex, Grid, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { HOLDERS_BASE, useHoldersApi, type HistoryPage, type HolderCard } from './api';
import { HistoryTable } from './HistoryTable';
import { BackLink } from '../campaigns/BackLink';
import { problemOf } from '../templates/errors';
import { useT } from '../utils/useT';

const PAGE_SIZE = 20;

type Loaded = { state: 'loading' } | { state: 'refused'; status: number | null } | { state: 'done'; card: HolderCard; history: HistoryPage };

export function HolderPage() {
  const { uid = '' } = useParams();
  const t = useT();
  const api = useHoldersApi();
  const [page, setPage] = useState(1);
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });

  useEffect(() => {
    Promise.all([api.card(uid), api.history(uid, page, PAGE_SIZE)]).then(
      ([card, history]) => setLoaded({ state: 'done', card, history }),
      (error) => setLoaded({ state: 'refused', status: problemOf(error).status }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client is a new object each render; this runs only when the values listed change
  }, [uid, page]);

  if (loaded.state === 'loading') return <Page.Loading />;
  const name = loaded.state === 'done' ? [loaded.card.firstName, loaded.card.lastName].filter(Boolean).join(' ') : '';
  const title = name ? `${name} (${uid})` : uid;
  return (
    <Layouts.Root>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} subtitle={t('holders.page.subtitle')} navigationAction={<BackLink to={HOLDERS_BASE}>{t('holders.back')}</BackLink>} />
      <Layouts.Content>
        {loaded.state === 'refused' ? (
          <Box data-testid="holder-refused">
            <EmptyStateLayout content={t(loaded.status === 403 ? 'holders.forbidden' : loaded.status === 404 ? 'holders.notFound' : 'holders.failed')} />
          </Box>
        ) : (
          <Flex direction="column" alignItems="stretch" gap={4}>
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius data-testid="holder-card">
              <Grid.Root gap={4}>
                {(
                  [
                    ['name', name || '—'],
                    ['address', [loaded.card.street, [loaded.card.postcode, loaded.card.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '—'],
                    ['email', loaded.card.email ?? '—'],
                    ['phone', loaded.card.phone ?? '—'],
                  ] as const
                ).map(([key, value]) => (
                  <Grid.Item key={key} col={6} s={12} direction="column" alignItems="flex-start">
                    <Typography variant="sigma" textColor="neutral600">
                      {t(`holders.card.${key}`)}
                    </Typography>
                    <Typography data-testid={`holder-${key}`}>{value}</Typography>
                  </Grid.Item>
                ))}
              </Grid.Root>
            </Box>
            <Box background="neutral0" padding={6} shadow="filterShadow" hasRadius>
              <Box paddingBottom={4}>
                <Typography variant="delta" tag="h2">
                  {t('holders.history.title', { n: loaded.history.total })}
                </Typography>
              </Box>
              <HistoryTable history={loaded.history} onPage={setPage} />
            </Box>
          </Flex>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
}

export default HolderPage;

/** "Pashouders": find a holder by UID (prefix) or name, each match linking to their page. */
import { useState } from 'react';
import { Box, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useHoldersApi } from './api';
import { HolderLink } from './HolderLink';
import { ListSearch } from '../components/ListSearch';
import { problemOf } from '../templates/errors';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';
import { useT } from '../utils/useT';

export function HolderSearchPage() {
  const t = useT();
  const api = useHoldersApi();
  const [q, setQ] = useState('');
  const text = q.trim();
  const found = useDebouncedRequest(text.length >= 2 ? text : null, (signal) => api.search(text, signal), 300);
  const status = found.state === 'error' ? problemOf(found.error).status : null;
  return (
    <Layouts.Root>
      <Page.Title>{t('holders.search.title')}</Page.Title>
      <Layouts.Header title={t('holders.search.title')} subtitle={t('holders.search.subtitle')} />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={4}>
          <Box maxWidth="40rem">
            <ListSearch value={q} onChange={setQ} label={t('holders.search.label')} clearLabel={t('holders.search.clear')} />
          </Box>
          {found.state === 'idle' && <Typography textColor="neutral600">{t('holders.search.hint')}</Typography>}
          {found.state === 'loading' && <Loader small>{t('holders.search.loading')}</Loader>}
          {found.state === 'error' && (
            <Typography textColor="danger600" data-testid="holder-refused">
              {t(status === 403 ? 'holders.forbidden' : 'holders.failed')}
            </Typography>
          )}
          {found.state === 'done' && found.value.length === 0 && <Typography>{t('holders.search.none')}</Typography>}
          {found.state === 'done' && found.value.length > 0 && (
            <Table colCount={2} rowCount={found.value.length + 1}>
              <Thead>
                <Tr>
                  <Th>
                    <Typography variant="sigma">{t('holders.uid')}</Typography>
                  </Th>
                  <Th>
                    <Typography variant="sigma">{t('holders.name')}</Typography>
                  </Th>
                </Tr>
              </Thead>
              <Tbody>
                {found.value.map((h) => (
                  <Tr key={h.uid}>
                    <Td>
                      <HolderLink uid={h.uid} />
                    </Td>
                    <Td>
                      <Typography>{[h.firstName, h.lastName].filter(Boolean).join(' ')}</Typography>
                    </Td>
                  </Tr>
                ))}
              </Tbody>
            </Table>
          )}
        </Flex>
      </Layouts.Content>
    </Layouts.Root>
  );
}

export default HolderSearchPage;

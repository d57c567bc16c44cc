/**
 * The generated holders, 50 a page, searchable by UID or name (debounced), with the step that added
 * each; per row "Verwijder" (with a reason), each UID linking to the holder's page.
 */
import { useState } from 'react';
import { Box, Button, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useAudienceApi, type Member } from './api';
import { RemoveDialog } from './RemoveDialog';
import { ListSearch } from '../components/ListSearch';
import { HolderLink } from '../holders/HolderLink';
import { problemOf } from '../templates/errors';
import { useDebouncedRequest } from '../utils/useDebouncedRequest';
import { useT } from '../utils/useT';

const PAGE_SIZE = 50;

interface Props {
  documentId: string;
  /** Changes whenever the stored audience changes (generated again, a manual step). */
  version: string;
  label: (index: number | null) => string;
  canWrite: boolean;
  onRemove: (uid: string, reason: string) => Promise<boolean>;
}

const nameOf = (m: Member) => [m.firstName, m.lastName].filter(Boolean).join(' ');

export function MembersTable({ documentId, version, label, canWrite, onRemove }: Props) {
  const t = useT();
  const api = useAudienceApi();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const text = q.trim();
  const key = JSON.stringify([version, page, text]);
  const result = useDebouncedRequest(key, (signal) => api.members(documentId, { page, pageSize: PAGE_SIZE, ...(text ? { q: text } : {}) }, signal), 250);
  const shown = result.state === 'done' ? result.value : result.state !== 'idle' ? result.previous : undefined;
  const pages = shown ? Math.max(1, Math.ceil(shown.total / PAGE_SIZE)) : 1;
  const refused = result.state === 'error' && problemOf(result.error).status === 403;
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={2}>
        <Box width="30rem">
          <ListSearch value={q} onChange={(v) => (setQ(v), setPage(1))} label={t('audience.members.search')} clearLabel={t('audience.members.clear')} />
        </Box>
        {result.state === 'loading' && <Loader small>{t('audience.loading')}</Loader>}
        {shown && (
          <Typography textColor="neutral600" data-testid="members-total" data-value={shown.total}>
            {t('audience.members.found', { n: shown.total })}
          </Typography>
        )}
      </Flex>
      {refused && <Typography textColor="danger600">{t('holders.forbidden')}</Typography>}
      {shown && (
        <Table colCount={5} rowCount={shown.items.length + 1}>
          <Thead>
            <Tr>
              {['uid', 'name', 'email', 'addedBy', 'actions'].map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`audience.members.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {shown.items.map((m) => (
              <Tr key={m.uid} data-testid="member-row" data-uid={m.uid}>
                <Td>
                  <HolderLink uid={m.uid} />
                </Td>
                <Td>
                  <Typography>{nameOf(m)}</Typography>
                </Td>
                <Td>
                  <Typography>{m.email ?? '—'}</Typography>
                </Td>
                <Td>
                  <Typography data-testid="added-by">{label(m.addedBy)}</Typography>
                </Td>
                <Td>
                  <RemoveDialog uid={m.uid} name={nameOf(m)} disabled={!canWrite} onRemove={(reason) => onRemove(m.uid, reason)} />
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      )}
      <Flex justifyContent="space-between">
        <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          {t('holders.previous')}
        </Button>
        <Typography>{t('holders.page', { page, pages })}</Typography>
        <Button variant="tertiary" disabled={page >= pages} onClick={() => setPage(page + 1)}>
          {t('holders.next')}
        </Button>
      </Flex>
    </Flex>
  );
}

/**
 * The generated holders, 50 a page, searchable by UID or name (debounced) and filtered by channel,
 * with the step that added each and its channel (or why none); per row "Verwijder" (with a reason),
 * each UID linking to the holder's page; the holders ticked can be moved to another channel.
 */
import { useState } from 'react';
import { Box, Button, Checkbox, Flex, Loader, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useAudienceApi, type Audience, type ChannelFilter, type Member } from './api';
import { ChannelCell, ChannelFilterSelect } from './ChannelCell';
import { ChannelMoveDialog } from './ChannelMoveDialog';
import type { MailingChannel } from '../channels/labels';
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
  /** The channel the audience was generated for (none: an audience from before channels). */
  channel?: MailingChannel;
  onChannelsChanged: (audience: Audience) => void;
}

const nameOf = (m: Member) => [m.firstName, m.lastName].filter(Boolean).join(' ');

export function MembersTable({ documentId, version, label, canWrite, onRemove, channel, onChannelsChanged }: Props) {
  const t = useT();
  const api = useAudienceApi();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [filter, setFilter] = useState<ChannelFilter | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const text = q.trim();
  const key = JSON.stringify([version, page, text, filter]);
  const params = { page, pageSize: PAGE_SIZE, ...(text ? { q: text } : {}), ...(filter ? { channel: filter } : {}) };
  const result = useDebouncedRequest(key, (signal) => api.members(documentId, params, signal), 250);
  const shown = result.state === 'done' ? result.value : result.state !== 'idle' ? result.previous : undefined;
  const pages = shown ? Math.max(1, Math.ceil(shown.total / PAGE_SIZE)) : 1;
  const refused = result.state === 'error' && problemOf(result.error).status === 403;
  const toggle = (uid: string, on: boolean) => setSelected((s) => (on ? [...s.filter((u) => u !== uid), uid] : s.filter((u) => u !== uid)));
  const pageUids = shown?.items.map((m) => m.uid) ?? [];
  const allOnPage = pageUids.length > 0 && pageUids.every((u) => selected.includes(u));
  const columns = ['uid', 'name', 'email', ...(channel ? ['channel'] : []), 'addedBy', 'actions'];
  return (
    <Flex direction="column" alignItems="stretch" gap={3}>
      <Flex gap={2}>
        <Box width="30rem">
          <ListSearch value={q} onChange={(v) => (setQ(v), setPage(1))} label={t('audience.members.search')} clearLabel={t('audience.members.clear')} />
        </Box>
        {channel && <ChannelFilterSelect mailing={channel} value={filter} onChange={(v) => (setFilter(v), setPage(1))} />}
        {channel && canWrite && (
          <ChannelMoveDialog
            documentId={documentId}
            mailing={channel}
            uids={selected}
            disabled={!canWrite}
            onMoved={(a) => (setSelected([]), onChannelsChanged(a))}
          />
        )}
        {result.state === 'loading' && <Loader small>{t('audience.loading')}</Loader>}
        {shown && (
          <Typography textColor="neutral600" data-testid="members-total" data-value={shown.total}>
            {t('audience.members.found', { n: shown.total })}
          </Typography>
        )}
      </Flex>
      {refused && <Typography textColor="danger600">{t('holders.forbidden')}</Typography>}
      {shown && (
        <Table colCount={columns.length + (channel && canWrite ? 1 : 0)} rowCount={shown.items.length + 1}>
          <Thead>
            <Tr>
              {channel && canWrite && (
                <Th>
                  <Checkbox
                    aria-label={t('audience.members.selectPage')}
                    checked={allOnPage}
                    onCheckedChange={(v: boolean | 'indeterminate') => pageUids.forEach((u) => toggle(u, v === true))}
                  />
                </Th>
              )}
              {columns.map((c) => (
                <Th key={c}>
                  <Typography variant="sigma">{t(`audience.members.${c}`)}</Typography>
                </Th>
              ))}
            </Tr>
          </Thead>
          <Tbody>
            {shown.items.map((m) => (
              <Tr key={m.uid} data-testid="member-row" data-uid={m.uid}>
                {channel && canWrite && (
                  <Td>
                    <Checkbox
                      aria-label={t('audience.members.select', { uid: m.uid })}
                      checked={selected.includes(m.uid)}
                      onCheckedChange={(v: boolean | 'indeterminate') => toggle(m.uid, v === true)}
                    />
                  </Td>
                )}
                <Td>
                  <HolderLink uid={m.uid} />
                </Td>
                <Td>
                  <Typography>{nameOf(m)}</Typography>
                </Td>
                <Td>
                  <Typography>{m.email ?? '—'}</Typography>
                </Td>
                {channel && (
                  <Td>
                    <ChannelCell member={m} />
                  </Td>
                )}
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

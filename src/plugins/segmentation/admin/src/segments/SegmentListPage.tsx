/** Segment list: search, sort, partner, last counts, and preview / edit / duplicate / delete (as the role allows). */
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Flex, IconButton, Link, Searchbar, SingleSelect, SingleSelectOption, Table, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { Duplicate, Eye, Pencil, Plus, Trash } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useSegmentsApi, type Segment } from './api';
import { usePermissions } from './usePermissions';
import { BASE, MAIL_BASE } from './SegmentEditPage';
import { cardSystemName } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { useT } from '../utils/useT';

const fmtDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString('nl-BE') : '—');
const owner = (s: Segment) => (s.owner ? [s.owner.firstname, s.owner.lastname].filter(Boolean).join(' ') || s.owner.email || '—' : '—');

export function SegmentListPage() {
  const api = useSegmentsApi();
  const t = useT();
  const navigate = useNavigate();
  const { toggleNotification } = useNotification();
  const { canWrite } = usePermissions();
  const me = useMe();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('updatedAt');
  const [rows, setRows] = useState<Segment[] | null>(null);

  const load = useCallback(() => {
    api.list({ q, sort, pageSize: 100 }).then((r) => setRows(r.results), () => setRows([]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, sort]);
  useEffect(() => {
    const timer = setTimeout(load, 250);
    return () => clearTimeout(timer);
  }, [load]);

  const act = async (fn: () => Promise<unknown>, message: string) => {
    try {
      await fn();
      toggleNotification({ type: 'success', message });
      load();
    } catch {
      toggleNotification({ type: 'danger', message: t('error.generic') });
    }
  };

  return (
    <Layouts.Root>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Layouts.Header
        title={t('plugin.name')}
        subtitle={t('list.subtitle')}
        primaryAction={canWrite ? <Button startIcon={<Plus />} onClick={() => navigate(`${BASE}/new`)}>{t('list.new')}</Button> : undefined}
      />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4}>
          <Box flex="1">
            <Searchbar name="q" value={q} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setQ(e.target.value)} onClear={() => setQ('')} clearLabel={t('clear')} placeholder={t('list.search')}>
              {t('list.search')}
            </Searchbar>
          </Box>
          <SingleSelect aria-label={t('list.sort')} value={sort} onChange={(v: string | number) => setSort(String(v))}>
            {['updatedAt', 'name', 'lastTotal', 'lastEvaluatedAt'].map((s) => <SingleSelectOption key={s} value={s}>{t(`list.sort.${s}`)}</SingleSelectOption>)}
          </SingleSelect>
        </Flex>
        {rows === null ? (
          <Page.Loading />
        ) : rows.length === 0 ? (
          <Typography>{t('list.empty')}</Typography>
        ) : (
          <Table colCount={7} rowCount={rows.length + 1}>
            <Thead>
              <Tr>
                <Th><Typography variant="sigma">{t('segment.name')}</Typography></Th>
                <Th><Typography variant="sigma">{t('partners.cardSystem.column')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.owner')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.total')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.evaluated')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.mailing')}</Typography></Th>
                <Th><Typography variant="sigma">{t('list.actions')}</Typography></Th>
              </Tr>
            </Thead>
            <Tbody>
              {rows.map((s) => (
                <Tr key={s.documentId}>
                  <Td><Typography fontWeight="bold">{s.name}</Typography></Td>
                  <Td><Typography>{cardSystemName(me, s.cardSystem, t('partners.programmeWide'))}</Typography></Td>
                  <Td><Typography>{owner(s)}</Typography></Td>
                  <Td><Typography>{s.lastTotal == null ? '—' : `${s.lastTotal.toLocaleString('nl-BE')} / ${(s.lastWithEmail ?? 0).toLocaleString('nl-BE')}`}</Typography></Td>
                  <Td><Typography>{fmtDate(s.lastEvaluatedAt)}</Typography></Td>
                  <Td>
                    {s.mailing ? (
                      <Link href={`${MAIL_BASE}/campaigns/${s.mailing.documentId}`} onClick={(e: React.MouseEvent) => { e.preventDefault(); navigate(`${MAIL_BASE}/campaigns/${s.mailing!.documentId}`); }}>
                        {s.mailing.name} ({t(`mailing.status.${s.mailing.status}`)})
                      </Link>
                    ) : (
                      <Typography textColor="neutral500">—</Typography>
                    )}
                  </Td>
                  <Td>
                    <Flex gap={1}>
                      <IconButton label={t('list.preview')} onClick={() => navigate(`${BASE}/${s.documentId}/preview`)}><Eye /></IconButton>
                      {canWrite && (
                        <>
                          <IconButton label={t('list.edit')} onClick={() => navigate(`${BASE}/${s.documentId}`)}><Pencil /></IconButton>
                          <IconButton label={t('list.duplicate')} onClick={() => act(() => api.duplicate(s.documentId), t('list.duplicated'))}><Duplicate /></IconButton>
                          <IconButton
                            label={t('list.delete')}
                            onClick={() => window.confirm(t('list.confirmDelete', { name: s.name })) && act(() => api.remove(s.documentId), t('list.deleted'))}
                          >
                            <Trash />
                          </IconButton>
                        </>
                      )}
                    </Flex>
                  </Td>
                </Tr>
              ))}
            </Tbody>
          </Table>
        )}
      </Layouts.Content>
    </Layouts.Root>
  );
}

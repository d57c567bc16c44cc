/** Segment list: search, sort, partner, last counts, and preview / edit / duplicate / delete (as the role allows). */
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Box, Button, Flex, IconButton, Link, SingleSelect, SingleSelectOption, Typography } from '@strapi/design-system';
import { Eye, Pencil, Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { useSegmentsApi, type Segment } from './api';
import { usePermissions } from './usePermissions';
import { BASE, MAIL_BASE } from './SegmentEditPage';
import { cardSystemName } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { RowActions } from '../components/RowActions';
import { useListPage } from '../utils/useListPage';
import { ListSearch } from '../components/ListSearch';
import { ListTable } from '../components/ListTable';
import { useT } from '../utils/useT';

const fmtDate = (iso: string | null) => (iso ? new Date(iso).toLocaleString('nl-BE') : '—');
const owner = (s: Segment) => (s.owner ? [s.owner.firstname, s.owner.lastname].filter(Boolean).join(' ') || s.owner.email || '—' : '—');

export function SegmentListPage() {
  const api = useSegmentsApi();
  const t = useT();
  const navigate = useNavigate();
  const { canWrite } = usePermissions();
  const me = useMe();
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('updatedAt');
  const { rows, act } = useListPage(
    JSON.stringify([q, sort]),
    async () => (await api.list({ q, sort, pageSize: 100 })).results,
    () => t('error.generic'),
  );

  return (
    <Layouts.Root>
      <Page.Title>{t('plugin.name')}</Page.Title>
      <Layouts.Header
        title={t('plugin.name')}
        subtitle={t('list.subtitle')}
        primaryAction={
          canWrite ? (
            <Button startIcon={<Plus />} onClick={() => navigate(`${BASE}/new`)}>
              {t('list.new')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <Flex gap={4} paddingBottom={4}>
          <Box flex="1">
            <ListSearch value={q} onChange={setQ} label={t('list.search')} clearLabel={t('clear')} />
          </Box>
          <SingleSelect aria-label={t('list.sort')} value={sort} onChange={(v: string | number) => setSort(String(v))}>
            {['updatedAt', 'name', 'lastTotal', 'lastEvaluatedAt'].map((s) => (
              <SingleSelectOption key={s} value={s}>
                {t(`list.sort.${s}`)}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Flex>
        <ListTable
          rows={rows}
          empty={t('list.empty')}
          columns={[
            t('segment.name'),
            t('partners.cardSystem.column'),
            t('list.owner'),
            t('list.total'),
            t('list.evaluated'),
            t('list.mailing'),
            t('list.actions'),
          ]}
          rowKey={(s) => s.documentId}
          cells={(s) => [
            <Typography fontWeight="bold">{s.name}</Typography>,
            cardSystemName(me, s.cardSystem, t('partners.programmeWide')),
            owner(s),
            s.lastTotal == null ? '—' : `${s.lastTotal.toLocaleString('nl-BE')} / ${(s.lastWithEmail ?? 0).toLocaleString('nl-BE')}`,
            fmtDate(s.lastEvaluatedAt),
            s.mailing ? (
              <Link
                href={`${MAIL_BASE}/campaigns/${s.mailing.documentId}`}
                onClick={(e: React.MouseEvent) => {
                  e.preventDefault();
                  navigate(`${MAIL_BASE}/campaigns/${s.mailing!.documentId}`);
                }}
              >
                {s.mailing.name} ({t(`mailing.status.${s.mailing.status}`)})
              </Link>
            ) : (
              <Typography textColor="neutral500">—</Typography>
            ),
            <RowActions
              canWrite={canWrite}
              duplicate={{ label: t('list.duplicate'), onClick: () => act(() => api.duplicate(s.documentId), t('list.duplicated')) }}
              remove={{
                label: t('list.delete'),
                title: t('list.deleteTitle'),
                confirm: t('list.confirmDelete', { name: s.name }),
                onClick: () => act(() => api.remove(s.documentId), t('list.deleted')),
              }}
            >
              <IconButton label={t('list.preview')} onClick={() => navigate(`${BASE}/${s.documentId}/preview`)}>
                <Eye />
              </IconButton>
              {canWrite && (
                <IconButton label={t('list.edit')} onClick={() => navigate(`${BASE}/${s.documentId}`)}>
                  <Pencil />
                </IconButton>
              )}
            </RowActions>,
          ]}
        />
      </Layouts.Content>
    </Layouts.Root>
  );
}

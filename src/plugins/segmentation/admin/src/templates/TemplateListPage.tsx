/** Template list: search, name / subject (as it reads) / partner / owner / house style / language / updated, and edit / duplicate / delete. */
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Badge, Box, Button, Flex, IconButton, Typography } from '@strapi/design-system';
import { Eye, Pencil, Plus } from '@strapi/icons';
import { Layouts, Page } from '@strapi/strapi/admin';
import { BASE, useTemplatesApi, type HouseStyle, type MailTemplate } from './api';
import { MailNav } from './MailNav';
import { problemOf } from './errors';
import { useMailPermissions } from './usePermissions';
import { cardSystemName } from '../partners/card-system';
import { useMe } from '../partners/useMe';
import { RowActions } from '../components/RowActions';
import { useListPage } from '../utils/useListPage';
import { ListSearch } from '../components/ListSearch';
import { ListTable } from '../components/ListTable';
import { useT } from '../utils/useT';

const ownerName = (tpl: MailTemplate) => [tpl.owner?.firstname, tpl.owner?.lastname].filter(Boolean).join(' ') || '—';
const fmtDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString('nl-BE') : '—');

export function TemplateListPage() {
  const api = useTemplatesApi();
  const t = useT();
  const navigate = useNavigate();
  const { canWrite } = useMailPermissions();
  const me = useMe();
  const [q, setQ] = useState('');
  const [styles, setStyles] = useState<HouseStyle[]>([]);
  const { rows, act } = useListPage(
    q,
    async () => (await api.list({ q, pageSize: 100 })).results,
    (error) => problemOf(error).message,
  );
  useEffect(() => {
    api.houseStyles().then(setStyles, () => undefined);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the API client and t are new objects each render; this runs only when the values listed change
  }, []);

  const styleOf = (tpl: MailTemplate) =>
    tpl.format === 'html' ? t('mail.style.html') : (styles.find((s) => s.key === tpl.houseStyle)?.name ?? tpl.houseStyle ?? '—');

  return (
    <Layouts.Root>
      <Page.Title>{t('mail.templates.title')}</Page.Title>
      <Layouts.Header
        title={t('mail.templates.title')}
        subtitle={t('mail.templates.subtitle')}
        primaryAction={
          canWrite ? (
            <Button startIcon={<Plus />} onClick={() => navigate(`${BASE}/templates/new`)}>
              {t('mail.templates.new')}
            </Button>
          ) : undefined
        }
      />
      <Layouts.Content>
        <MailNav />
        <Box paddingBottom={4}>
          <ListSearch value={q} onChange={setQ} label={t('mail.templates.search')} clearLabel={t('mail.clear')} />
        </Box>
        <ListTable
          rows={rows}
          empty={t('mail.templates.empty')}
          columns={['name', 'subject', 'cardSystem', 'owner', 'houseStyle', 'language', 'updated', 'actions'].map((c) =>
            c === 'cardSystem' ? t('partners.cardSystem.column') : t(`mail.templates.col.${c}`),
          )}
          rowKey={(tpl) => tpl.documentId}
          cells={(tpl) => [
            <Flex gap={2}>
              <Typography fontWeight="bold">{tpl.name}</Typography>
              {tpl.channel && tpl.channel !== 'email' && <Badge data-testid="template-channel">{t(`mail.channel.${tpl.channel}`)}</Badge>}
            </Flex>,
            /* The subject as a pass holder reads it; the code as written on hover. */
            <Typography ellipsis title={tpl.subject} data-testid="template-subject">
              {tpl.sampleSubject ?? tpl.subject}
            </Typography>,
            cardSystemName(me, tpl.cardSystem, t('partners.programmeWide')),
            <Typography data-testid="template-owner">{ownerName(tpl)}</Typography>,
            styleOf(tpl),
            <Typography data-testid="template-languages">{(tpl.locales ?? [tpl.language]).map((l) => t(`mail.language.${l}`)).join(', ')}</Typography>,
            fmtDate(tpl.updatedAt),
            <RowActions
              canWrite={canWrite}
              duplicate={{
                label: t('mail.templates.duplicate'),
                onClick: () => act(() => api.duplicate(tpl.documentId), t('mail.templates.duplicated')),
              }}
              remove={{
                label: t('mail.templates.delete'),
                confirm: t('mail.templates.confirmDelete', { name: tpl.name }),
                onClick: () => act(() => api.remove(tpl.documentId), t('mail.templates.deleted')),
              }}
            >
              <IconButton label={canWrite ? t('mail.templates.edit') : t('partners.view')} onClick={() => navigate(`${BASE}/templates/${tpl.documentId}`)}>
                {canWrite ? <Pencil /> : <Eye />}
              </IconButton>
            </RowActions>,
          ]}
        />
      </Layouts.Content>
    </Layouts.Root>
  );
}
